package io.agreement.api.backfill;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** GET status/ without a filter: the organization's live projects by their latest job. */
record OrganizationStatus(long organizationId, Counts orgStatus, Progress progress) {

  /** Projects by the status of their latest job; {@code stale}: completed, but settings changed. */
  @Schema(name = "OrganizationCounts")
  record Counts(
      long totalProjects,
      long notStarted,
      long pending,
      long queued,
      long running,
      long completed,
      long failed,
      long cancelled,
      long stale) {}

  /** Tasks and annotations processed by the projects' latest jobs. */
  @Schema(name = "OrganizationProgress")
  record Progress(long tasksProcessed, long annotationsProcessed) {}

  static OrganizationStatus of(long org, Map<String, Object> row) {
    return new OrganizationStatus(
        org,
        new Counts(
            count(row, "total_projects"),
            count(row, "not_started"),
            count(row, "pending"),
            count(row, "queued"),
            count(row, "running"),
            count(row, "completed"),
            count(row, "failed"),
            count(row, "cancelled"),
            count(row, "stale")),
        new Progress(count(row, "tasks_processed"), count(row, "annotations_processed")));
  }

  private static long count(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }
}
