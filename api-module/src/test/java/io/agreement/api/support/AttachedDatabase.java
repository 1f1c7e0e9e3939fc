package io.agreement.api.support;

import io.agreement.testsupport.Catalog;
import io.agreement.testsupport.LabelStudioDatabase;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Label Studio database that the service is pointed at: Label Studio's schema and rows,
 * written as the superuser (as Label Studio's own role would), and a least-privilege role for the
 * service (SELECT on Label Studio's tables, schema agreement of its own).
 */
public final class AttachedDatabase {

  /** The tables Label Studio 1.23 creates that the service might touch. */
  public static final List<String> LABEL_STUDIO_TABLES =
      List.of(
          "organization",
          "htx_user",
          "organizations_organizationmember",
          "authtoken_token",
          "jwt_auth_jwtsettings",
          "token_blacklist_outstandingtoken",
          "token_blacklist_blacklistedtoken",
          "project",
          "task",
          "task_completion",
          "prediction");

  public final TestServices.Environment env = TestServices.isolatedEnvironment();
  public final String role;

  /** Label Studio's side of the database, as its own role writes it. */
  public final DataSource labelStudio;

  private AttachedDatabase(boolean enterprise) {
    if (enterprise) {
      LabelStudioDatabase.createEnterprise(env);
    } else {
      LabelStudioDatabase.create(env);
    }
    role = TestServices.restrictedRole(env);
    labelStudio =
        new DriverManagerDataSource(
            env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
  }

  public static AttachedDatabase community() {
    return new AttachedDatabase(false);
  }

  public static AttachedDatabase enterprise() {
    return new AttachedDatabase(true);
  }

  /** The service's settings: this database, as the restricted role. */
  public void register(DynamicPropertyRegistry registry) {
    env.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.datasource.username", () -> role);
    registry.add("spring.datasource.password", () -> TestServices.RESTRICTED_PASSWORD);
    registry.add("agreement.delivery.relay-interval", () -> "1s");
    registry.add("agreement.delivery.relay-grace", () -> "2s");
  }

  /** A worker process's environment overrides: the restricted role. */
  public Map<String, String> workerSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("SPRING_DATASOURCE_USERNAME", role);
    settings.put("SPRING_DATASOURCE_PASSWORD", TestServices.RESTRICTED_PASSWORD);
    return settings;
  }

  public List<String> catalog() {
    return Catalog.of(env, "public");
  }

  /** Every row of every Label Studio table, as text, in a stable order. */
  public Map<String, String> contents() {
    Map<String, String> contents = new LinkedHashMap<>();
    try (Connection c =
        DriverManager.getConnection(
            env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword())) {
      for (String table : LABEL_STUDIO_TABLES) {
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM "
                        + table
                        + " t");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          contents.put(table, rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return contents;
  }
}
