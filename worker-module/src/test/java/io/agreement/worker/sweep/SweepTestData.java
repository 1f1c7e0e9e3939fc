package io.agreement.worker.sweep;

import io.agreement.common.generate.DataGenerator;
import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.testsupport.SourceRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Label Studio rows with chosen timestamps, written as Label Studio's own code writes them, and the
 * service's state as a refresh or backfill leaves it: {@link #scored} stores each task's
 * fingerprint computed by the same SQL the sweep compares with.
 */
final class SweepTestData {

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final long organization;
  private final long user;

  SweepTestData(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.organization =
        SourceRows.write(dataSource, r -> r.organization("Sweep IT " + UUID.randomUUID()));
    this.user =
        SourceRows.write(
            dataSource, r -> r.user("sweep-" + UUID.randomUUID() + "@example.com", organization));
  }

  JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * Leaves the database as if nothing had happened for long: every Label Studio row's timestamps in
   * 2000, nothing scored, no marks, requests or watermark; earlier tests' rows stay, out of the
   * way.
   */
  void quiet() {
    jdbc.sql("UPDATE task SET updated_at = '2000-01-01T00:00:00Z'").update();
    jdbc.sql("UPDATE project SET updated_at = '2000-01-01T00:00:00Z'").update();
    jdbc.sql(
            "TRUNCATE agreement.task_state, agreement.project_source, agreement.dirty_task,"
                + " agreement.refresh_request, agreement.project_agreement")
        .update();
    jdbc.sql(
            "UPDATE agreement.sweep_state SET watermark = NULL, last_sweep_at = NULL,"
                + " last_reconcile_at = NULL, sweep_requested_at = NULL")
        .update();
  }

  long organization() {
    return organization;
  }

  /** A project last saved long ago, out of every sweep's window. */
  long project() {
    long id =
        SourceRows.write(
            dataSource, r -> r.project(organization, "p", DataGenerator.LABEL_CONFIG, null));
    jdbc.sql("UPDATE project SET updated_at = '2000-01-01T00:00:00Z' WHERE id = ?")
        .params(id)
        .update();
    return id;
  }

  long task(long project, Instant updatedAt) {
    List<Long> ids = SourceRows.write(dataSource, r -> r.tasks(project, 1, "'{}'::jsonb"));
    bump(ids.get(0), updatedAt);
    return ids.get(0);
  }

  long firstTask(long project) {
    return jdbc.sql("SELECT min(id) FROM task WHERE project_id = ?")
        .params(project)
        .query(Long.class)
        .single();
  }

  long firstAnnotation(long task) {
    return jdbc.sql("SELECT min(id) FROM task_completion WHERE task_id = ? AND NOT was_cancelled")
        .params(task)
        .query(Long.class)
        .single();
  }

  /** As Label Studio's update_task() does on an annotation save or single delete. */
  void bump(long task, Instant updatedAt) {
    jdbc.sql("UPDATE task SET updated_at = :at WHERE id = :id")
        .param("at", utc(updatedAt))
        .param("id", task)
        .update();
  }

  /** A submitted annotation saved at {@code updatedAt}; the task is not bumped. */
  long annotation(long task, long project, Instant updatedAt) {
    long id =
        SourceRows.write(
            dataSource, r -> r.annotation(task, project, user, "[{\"from_name\":\"sentiment\"}]"));
    edit(id, updatedAt);
    return id;
  }

  /** An annotation edited at {@code updatedAt}, without bumping its task. */
  void edit(long annotation, Instant updatedAt) {
    jdbc.sql("UPDATE task_completion SET updated_at = :at WHERE id = :id")
        .param("at", utc(updatedAt))
        .param("id", annotation)
        .update();
  }

  void set(long annotation, String column, boolean value) {
    jdbc.sql("UPDATE task_completion SET " + column + " = :v WHERE id = :id")
        .param("v", value)
        .param("id", annotation)
        .update();
  }

  void deleteAnnotation(long annotation) {
    jdbc.sql("DELETE FROM task_completion WHERE id = :id").param("id", annotation).update();
  }

  /** As Label Studio's batch_delete does it: the annotations go by the FK cascade. */
  void deleteTask(long task) {
    jdbc.sql("DELETE FROM task_completion WHERE task_id = :id").param("id", task).update();
    jdbc.sql("DELETE FROM task WHERE id = :id").param("id", task).update();
  }

  /** As the Data Manager's Delete Tasks does first: update(project=None), no timestamp. */
  void unlink(long task) {
    jdbc.sql("UPDATE task SET project_id = NULL WHERE id = :id").param("id", task).update();
  }

  /**
   * The project as a refresh leaves it: every task with counted annotations has its fingerprint
   * stored, the config hash recorded, and a summary whose job is the completed backfill's when
   * {@code backfilled}.
   */
  void scored(long project, boolean backfilled) {
    jdbc.sql("DELETE FROM agreement.task_state WHERE project_id = :p").param("p", project).update();
    jdbc.sql(
            "INSERT INTO agreement.task_state (task_id, project_id, annotation_ids, fingerprint,"
                + " ratings) SELECT f.task_id, ?, '{}', f.fingerprint, '\\x00'::bytea FROM ("
                + LabelStudioChanges.PROJECT_FINGERPRINTS
                + ") AS f (task_id, fingerprint)")
        .params(project, project)
        .update();
    String hash =
        jdbc.sql(LabelStudioChanges.CONFIG_HASH)
            .params(project)
            .query((rs, n) -> rs.getString(1))
            .single();
    jdbc.sql(
            "INSERT INTO agreement.project_source (project_id, config_hash, scored_at)"
                + " VALUES (?, ?, now()) ON CONFLICT (project_id) DO UPDATE SET config_hash ="
                + " excluded.config_hash, queued_hash = NULL")
        .params(project, hash)
        .update();
    Long job = null;
    if (backfilled) {
      job =
          jdbc.sql(
                  "INSERT INTO agreement.backfill_job (organization_id, project_id, status,"
                      + " completed_at) VALUES (?, ?, 'COMPLETED', now()) RETURNING id")
              .params(organization, project)
              .query(Long.class)
              .single();
    }
    jdbc.sql(
            "INSERT INTO agreement.project_agreement (project_id, job_id, methodology, agreement,"
                + " tasks_scored, computed_at) VALUES (?, ?, 'consensus', 0.5, 1, now())"
                + " ON CONFLICT (project_id) DO UPDATE SET job_id = excluded.job_id, stale = false")
        .params(project, job)
        .update();
  }

  /** The (project, task, source) marks, in that order. */
  List<String> marks() {
    return jdbc.sql(
            "SELECT project_id || '/' || task_id || '/' || source FROM agreement.dirty_task"
                + " ORDER BY project_id, task_id")
        .query(String.class)
        .list();
  }

  void clearMarks() {
    jdbc.sql("TRUNCATE agreement.dirty_task, agreement.refresh_request").update();
  }

  static String mark(long project, long task, String source) {
    return project + "/" + task + "/" + source;
  }

  void watermark(Instant at) {
    jdbc.sql("UPDATE agreement.sweep_state SET watermark = :w WHERE id = 1")
        .param("w", utc(at))
        .update();
  }

  Instant watermark() {
    return jdbc.sql("SELECT watermark FROM agreement.sweep_state WHERE id = 1")
        .query((rs, n) -> Timestamps.instant(rs, 1))
        .list()
        .get(0);
  }

  /** The database's clock, which the sweep's schedule and first watermark follow. */
  Instant databaseNow() {
    return jdbc.sql("SELECT clock_timestamp()")
        .query((rs, n) -> Timestamps.instant(rs, 1))
        .list()
        .get(0);
  }

  static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
