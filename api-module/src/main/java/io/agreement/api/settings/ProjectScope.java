package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.agreement.engine.LabelStudioWeights;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resolves {@code /api/projects/{id}/...}: a project of another organization, a soft-deleted one
 * and a missing one answer the same 404, so nothing leaks across organizations.
 */
public final class ProjectScope {

  private final JdbcClient jdbc;

  ProjectScope(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public ScopedProject require(Caller caller, String rawProjectId) {
    long id = pathId("project id", rawProjectId);
    return jdbc.sql(
            """
            SELECT id, coalesce(label_config, ''), control_weights::text FROM project
            WHERE id = :id AND organization_id = :org AND deleted_at IS NULL
            """)
        .param("id", id)
        .param("org", caller.organizationId())
        .query(
            (rs, n) ->
                new ScopedProject(
                    rs.getLong(1), rs.getString(2), LabelStudioWeights.parse(rs.getString(3))))
        .optional()
        .orElseThrow(() -> ApiException.projectNotFound(id));
  }

  /** Ids in a path are PostgreSQL integers; anything else is the caller's typo, never a 500. */
  public static long pathId(String what, String raw) {
    try {
      long id = Long.parseLong(raw.trim());
      if (id >= 1 && id <= Integer.MAX_VALUE) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.badRequest(
        "The "
            + what
            + " in the path must be a whole number from 1 to "
            + Integer.MAX_VALUE
            + ", got '"
            + QueryParams.abbreviate(raw)
            + "'");
  }
}
