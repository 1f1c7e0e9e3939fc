package io.agreement.api.support;

import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.generate.GeneratorOptions;
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

  /** A new member of the organization with the given role; returns the member's token. */
  public String member(long organizationId, String role) {
    String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    long user =
        jdbc.sql(
                "INSERT INTO htx_user (email, username, active_organization_id) VALUES (:e, :e, :o) RETURNING id")
            .param("e", email)
            .param("o", organizationId)
            .query(Long.class)
            .single();
    jdbc.sql(
            "INSERT INTO organizations_organizationmember (user_id, organization_id, role) VALUES (:u, :o, :r)")
        .param("u", user)
        .param("o", organizationId)
        .param("r", role)
        .update();
    String token = UUID.randomUUID().toString().replace("-", "");
    jdbc.sql("INSERT INTO authtoken_token (key, user_id) VALUES (:k, :u)")
        .param("k", token)
        .param("u", user)
        .update();
    return token;
  }

  public long projectWithConfig(long organizationId, String labelConfig) {
    return jdbc.sql(
            "INSERT INTO project (title, label_config, organization_id) VALUES ('p', :c, :o) RETURNING id")
        .param("c", labelConfig)
        .param("o", organizationId)
        .query(Long.class)
        .single();
  }

  public long task(long projectId) {
    return jdbc.sql("INSERT INTO task (project_id, data) VALUES (:p, '{}'::jsonb) RETURNING id")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  public long annotation(long taskId, long projectId, long userId, String resultJson) {
    return jdbc.sql(
            """
            INSERT INTO task_completion (task_id, project_id, completed_by_id, result)
            VALUES (:t, :p, :u, CAST(:r AS jsonb)) RETURNING id
            """)
        .param("t", taskId)
        .param("p", projectId)
        .param("u", userId)
        .param("r", resultJson)
        .query(Long.class)
        .single();
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
