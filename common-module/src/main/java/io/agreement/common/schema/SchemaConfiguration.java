package io.agreement.common.schema;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start-up migrations of the API and the worker, one instance at a time. */
@Configuration(proxyBeanMethods = false)
public class SchemaConfiguration {

  @Bean
  FlywayMigrationStrategy serializedMigrations() {
    return SchemaMigrations::migrate;
  }
}
