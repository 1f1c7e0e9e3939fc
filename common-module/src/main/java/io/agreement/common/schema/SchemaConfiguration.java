package io.agreement.common.schema;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Start-up migrations of the API and the worker, one instance at a time. */
@Configuration(proxyBeanMethods = false)
public class SchemaConfiguration {

  @Bean
  FlywayMigrationStrategy serializedMigrations(
      @Value("${agreement.source-indexes:true}") boolean sourceIndexes) {
    return flyway -> SchemaMigrations.migrate(flyway, sourceIndexes);
  }
}
