package io.agreement.api.settings;

import io.agreement.api.auth.Caller;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.agreement.common.labelstudio.LabelStudioProjects;
import io.agreement.engine.LabelStudioWeights;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resolves {@code /api/projects/{id}/...}: a project of another organization, a soft-deleted one
 * and a missing one answer the same 404, so nothing leaks across organizations.
 */
public final class ProjectScope {

  private final LabelStudioProjects projects;

  ProjectScope(JdbcClient jdbc) {
    this.projects = new LabelStudioProjects(jdbc);
  }

  public ScopedProject require(Caller caller, String rawProjectId) {
    long id = pathId("project id", rawProjectId);
    return projects
        .live(id, caller.organizationId())
        .map(
            p ->
                new ScopedProject(
                    p.id(), p.labelConfig(), LabelStudioWeights.parse(p.controlWeights())))
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
