package io.agreement.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real Label Studio database: the schema Label Studio 1.23's migrations create (every column, NOT
 * NULL without SQL defaults, Django's indexes and constraints), loaded into a test database before
 * the service first starts on it, so that the service finds it attached.
 */
public final class LabelStudioDatabase {

  public static final String SCHEMA = "/labelstudio/label_studio_1_23_schema.sql";

  private LabelStudioDatabase() {}

  /** Loads Label Studio's schema (Community) into the environment's database. */
  public static void create(TestServices.Environment env) {
    execute(env, script());
  }

  /** Label Studio Enterprise: Community's schema plus the member role column. */
  public static void createEnterprise(TestServices.Environment env) {
    execute(
        env,
        script()
            + "\nALTER TABLE organizations_organizationmember ADD COLUMN role varchar(32) NULL;\n");
  }

  public static void execute(TestServices.Environment env, String sql) {
    try (Connection c =
            DriverManager.getConnection(
                env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot set up Label Studio's schema: " + e.getMessage(), e);
    }
  }

  private static String script() {
    try (InputStream in = LabelStudioDatabase.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
