package io.agreement.api.support;

import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.generate.GeneratorOptions;
import io.agreement.testsupport.SourceRows;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organizations, members and annotations written straight into the Label Studio tables. */
public final class TestData {

  private final DataSource dataSource;
  private final JdbcClient jdbc;

  public TestData(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
  }

  public GeneratedOrganization organization(int projects, int tasks, int annotators, int broken) {
    GeneratorOptions options =
        new GeneratorOptions(
            projects, tasks, annotators, 0.7, broken, 7L, "IT " + UUID.randomUUID(), null, null);
    try {
      return new DataGenerator(dataSource).generate(options);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new member of the organization with the given role, granted through the service's own grants
   * (a standalone database has Label Studio Community's tables, without a role column); returns the
   * member's legacy API key.
   */
  public String member(long organizationId, String role) {
    String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    long user = rows(r -> r.user(email, organizationId));
    rows(r -> r.member(user, organizationId, null));
    grant(organizationId, user, role);
    String token = UUID.randomUUID().toString().replace("-", "");
    rows(
        r -> {
          r.legacyToken(token, user);
          return null;
        });
    return token;
  }

  /** A role granted as PUT /api/agreement/members/{user}/role/ grants it. */
  public void grant(long organizationId, long userId, String role) {
    jdbc.sql(
            """
            INSERT INTO agreement.member_role (organization_id, user_id, role, granted_by, granted_at)
            VALUES (:o, :u, :r, :u, now())
            ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role
            """)
        .param("o", organizationId)
        .param("u", userId)
        .param("r", role)
        .update();
  }

  public long projectWithConfig(long organizationId, String labelConfig) {
    return rows(r -> r.project(organizationId, "p", labelConfig, null));
  }

  public long task(long projectId) {
    return rows(r -> r.tasks(projectId, 1, "'{}'::jsonb").get(0));
  }

  public long annotation(long taskId, long projectId, long userId, String resultJson) {
    return rows(r -> r.annotation(taskId, projectId, userId, resultJson));
  }

  public <T> T rows(SourceRows.Writer<T> writer) {
    return SourceRows.write(dataSource, writer);
  }

  public String jobStatus(long jobId) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .single();
  }

  public List<String> jobStatuses(long projectId) {
    return jdbc.sql("SELECT status FROM agreement.backfill_job WHERE project_id = :p ORDER BY id")
        .param("p", projectId)
        .query(String.class)
        .list();
  }

  public JdbcClient jdbc() {
    return jdbc;
  }
}
