package io.agreement.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agreement.common.schema.SchemaMigrations;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway configured as the API and the worker configure it in their application.yml, run the way
 * they run it at start-up.
 */
public final class Migrations {

  private Migrations() {}

  public static Flyway flyway(TestServices.Environment env) {
    return configure()
        .dataSource(env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword())
        .load();
  }

  public static MigrateResult migrate(TestServices.Environment env) {
    return SchemaMigrations.migrate(flyway(env));
  }

  public static void migrate(DataSource dataSource) {
    SchemaMigrations.migrate(configure().dataSource(dataSource).load());
  }

  /** A connection pool on the environment's database, migrated. Close it when done. */
  public static HikariDataSource migratedPool(TestServices.Environment env, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(env.jdbcUrl());
    config.setUsername(env.endpoints().pgUser());
    config.setPassword(env.endpoints().pgPassword());
    config.setMaximumPoolSize(size);
    HikariDataSource pool = new HikariDataSource(config);
    migrate(pool);
    return pool;
  }

  private static FluentConfiguration configure() {
    return Flyway.configure()
        .locations("classpath:db/migration")
        .schemas("agreement")
        .defaultSchema("agreement")
        .createSchemas(true)
        .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
  }
}
