package io.agreement.common.labelstudio;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Label Studio's projects: what a project's agreement is computed from. */
public final class LabelStudioProjects {

  /**
   * A live (not soft-deleted) project.
   *
   * @param labelConfig the label config XML, empty when Label Studio has none
   * @param controlWeights project.control_weights as JSON text, null when unset
   */
  public record Project(long id, String labelConfig, String controlWeights) {}

  private static final String SELECT =
      """
      SELECT id, coalesce(label_config, ''), control_weights::text FROM project
      WHERE id = :id AND deleted_at IS NULL
      """;

  private final JdbcClient jdbc;

  public LabelStudioProjects(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The project, if it exists and is not soft-deleted. */
  public Optional<Project> live(long id) {
    return jdbc.sql(SELECT).param("id", id).query(LabelStudioProjects::project).optional();
  }

  /** The project, if it also belongs to the organization. */
  public Optional<Project> live(long id, long organizationId) {
    return jdbc.sql(SELECT + " AND organization_id = :org")
        .param("id", id)
        .param("org", organizationId)
        .query(LabelStudioProjects::project)
        .optional();
  }

  private static Project project(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Project(rs.getLong(1), rs.getString(2), rs.getString(3));
  }
}
