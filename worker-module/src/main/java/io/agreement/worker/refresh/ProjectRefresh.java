package io.agreement.worker.refresh;

import io.agreement.common.labelstudio.LabelStudioAnnotations;
import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.StoredRatings;
import io.agreement.engine.TagSummary;
import io.agreement.worker.job.PairAggregates;
import io.agreement.worker.job.PermanentJobException;
import io.agreement.worker.job.PgArrays;
import io.agreement.worker.job.Progress;
import io.agreement.worker.job.ProjectLock;
import io.agreement.worker.job.ProjectSources;
import io.agreement.worker.job.ResultWriter;
import io.agreement.worker.job.ScorerFactory;
import io.agreement.worker.job.StatisticsWriter;
import io.agreement.worker.job.TaskScoring;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of a project (SPEC 9): takes its dirty marks, re-scores exactly those tasks from the
 * current data, recomputes every project-level number from the per-task rows, and deletes the marks
 * it took, all in one REPEATABLE READ transaction. A task gone from the project loses its rows. It
 * never runs beside a backfill of the project: the project lock and a RUNNING job both make it
 * wait, its marks kept.
 */
final class ProjectRefresh {

  /** What a refresh did. */
  enum Outcome {
    REFRESHED,
    NOTHING_MARKED,
    /**
     * A backfill of the project is running: the request stays, and the backfill's end asks again.
     */
    BUSY,
    /** The config changed: the marks wait for the forced backfill, whose end asks again. */
    WAITING,
    /** The project is gone from Label Studio: its marks are dropped. */
    GONE
  }

  /** A taken mark. */
  private record Mark(long taskId, long seq, Instant markedAt) {}

  /** The seq of a deleted annotation's task, which has no dirty_task row to delete. */
  private static final long NO_SEQ = -1;

  private static final Logger log = LoggerFactory.getLogger(ProjectRefresh.class);

  private final DataSource dataSource;
  private final ScorerFactory scorers;
  private final DirtyMarks marks;
  private final ConfigChanges configChanges;
  private final Clock clock;
  private final int batch;
  private final Duration lockWait;
  private final RefreshMetrics metrics;

  ProjectRefresh(
      DataSource dataSource,
      ScorerFactory scorers,
      DirtyMarks marks,
      ConfigChanges configChanges,
      Clock clock,
      int batch,
      Duration lockWait,
      RefreshMetrics metrics) {
    this.dataSource = dataSource;
    this.scorers = scorers;
    this.marks = marks;
    this.configChanges = configChanges;
    this.clock = clock;
    this.batch = batch;
    this.lockWait = lockWait;
    this.metrics = metrics;
  }

  Outcome run(long projectId) throws SQLException {
    long started = System.nanoTime();
    Result result;
    try (Connection c = dataSource.getConnection()) {
      // A running backfill holds the project lock for its whole run: its marks wait, and the
      // worker is not held up. Another refresh holds it briefly: this one waits its turn.
      if (backfillRunning(c, projectId) || !ProjectLock.lock(c, projectId, lockWait)) {
        return Outcome.BUSY;
      }
      try {
        result = runLocked(c, projectId);
      } finally {
        ProjectLock.unlock(c, projectId);
      }
    }
    metrics.outcome(result.outcome());
    if (result.outcome() == Outcome.REFRESHED) {
      metrics.refreshed(result.taken(), Duration.ofNanos(System.nanoTime() - started));
      if (result.taken() >= batch) {
        marks.requestIfMarked(projectId);
      }
    }
    return result.outcome();
  }

  private record Result(Outcome outcome, int taken) {}

  private Result runLocked(Connection c, long projectId) throws SQLException {
    c.setAutoCommit(true);
    // Again under the lock: a backfill claimed meanwhile has not taken the lock yet.
    if (backfillRunning(c, projectId)) {
      return new Result(Outcome.BUSY, 0);
    }
    String current = ProjectSources.currentHash(c, projectId);
    if (current == null) {
      dropMarks(c, projectId);
      return new Result(Outcome.GONE, 0);
    }
    String scored = ProjectSources.scoredHash(c, projectId);
    if (scored != null && !scored.equals(current)) {
      configChanges.check(projectId);
      return new Result(Outcome.WAITING, 0);
    }
    if (scored == null && backfilledBefore(c, projectId)) {
      // Scored by a release that kept no per-task state: only a backfill can make it exact.
      configChanges.queueBackfill(organization(c, projectId), projectId, "upgrade");
      return new Result(Outcome.WAITING, 0);
    }
    // Marks made from here on ask for a new refresh; those made before are in the snapshot below.
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM agreement.refresh_request WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      ps.executeUpdate();
    }
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      // The task ids are an array parameter: a generic plan guesses its length and may scan a
      // table once per id; a plan for the actual ids uses the indexes.
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      }
      List<Mark> taken = take(c, projectId);
      taken = withDeleted(taken, takeDeleted(c, projectId));
      if (taken.isEmpty()) {
        c.commit();
        return new Result(Outcome.NOTHING_MARKED, 0);
      }
      ScorerFactory.Scorer scorer;
      try {
        scorer = scorers.load(c, projectId);
      } catch (PermanentJobException e) {
        log.warn(
            "Project {} cannot be refreshed ({}); its marks are dropped",
            projectId,
            e.getMessage());
        deleteMarks(c, projectId, taken);
        c.commit();
        return new Result(Outcome.GONE, taken.size());
      }
      refresh(c, projectId, scorer, current, taken);
      c.commit();
      Instant committed = clock.instant();
      // Apart, as a re-mark meanwhile updates a mark row, which this snapshot must not touch; a
      // crash in between leaves marks whose refresh runs again, to the same result.
      c.setAutoCommit(true);
      deleteMarks(c, projectId, taken);
      for (Mark mark : taken) {
        metrics.lag(Duration.between(mark.markedAt(), committed));
      }
      long[] changed = changedSinceScored(c, projectId, taken);
      if (changed.length > 0) {
        marks.mark(projectId, changed, DirtyMarks.Source.RECONCILE);
      }
      return new Result(Outcome.REFRESHED, taken.size());
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  private void refresh(
      Connection c,
      long projectId,
      ScorerFactory.Scorer scorer,
      String configHash,
      List<Mark> taken)
      throws SQLException {
    Instant now = clock.instant();
    long t0 = System.nanoTime();
    ProjectScorer projectScorer = scorer.scorer();
    long[] taskIds = taken.stream().mapToLong(Mark::taskId).sorted().toArray();
    String[] tagNames =
        projectScorer.tags().stream().map(t -> t.tag().name()).toArray(String[]::new);
    PairAggregates.Delta sums = PairAggregates.delta(c, projectId, taskIds, tagNames);
    ResultWriter writer = new ResultWriter(c, projectId, now, projectScorer.tags());
    writer.deleteTasks(taskIds);
    TaskScoring scoring = new TaskScoring(projectScorer, writer, null, new Progress(), null);
    try (PreparedStatement ps = c.prepareStatement(LabelStudioAnnotations.BY_TASK_IDS)) {
      ps.setFetchSize(5000);
      ps.setLong(1, projectId);
      ps.setString(2, PgArrays.of(taskIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          scoring.accept(rs);
        }
      }
    }
    scoring.end();
    writer.flush();
    long t1 = System.nanoTime();
    // The summary first: its trigger takes the settings lock, so a threshold change commits
    // before the distribution's low count reads it, or after and recounts the new rows.
    ProjectAggregates.Overall overall = ProjectAggregates.overall(c, projectId);
    writeSummary(c, projectId, scorer, overall, now);
    sums.apply();
    long t2 = System.nanoTime();

    StoredRatings ratings = new StoredRatings(projectScorer, projectId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT task_id, ratings FROM agreement.task_state WHERE project_id = ?"
                + " ORDER BY task_id")) {
      ps.setFetchSize(5000);
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ratings.add(rs.getLong(1), rs.getBytes(2));
        }
      }
    }
    List<TagSummary> tags =
        ProjectAggregates.tags(c, projectId, projectScorer.tags(), ratings, overall.tasksScored());
    ProjectAggregates.deleteTagSummaries(c, projectId);
    writer.writeTagSummaries(tags);
    writer.assignDimensions();
    long t3 = System.nanoTime();
    StatisticsWriter.replace(c, projectId, now, ratings.statistics());
    ProjectSources.record(c, projectId, configHash, now);
    long t4 = System.nanoTime();
    if (log.isDebugEnabled()) {
      log.debug(
          "Project {}: {} task(s) re-scored in {} ms, sums {} ms, ratings and means {} ms,"
              + " statistics {} ms",
          projectId,
          taskIds.length,
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (t3 - t2) / 1_000_000,
          (t4 - t3) / 1_000_000);
    }
  }

  /**
   * The project's summary row: a backfilled project keeps its job and staleness; one never
   * backfilled gets a row without a job.
   */
  private static void writeSummary(
      Connection c,
      long projectId,
      ScorerFactory.Scorer scorer,
      ProjectAggregates.Overall overall,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO agreement.project_agreement AS pa (project_id, job_id, methodology,
                agreement, tasks_scored, computed_at, stale, refreshed_at)
            VALUES (?, NULL, ?, ?, ?, ?, false, ?)
            ON CONFLICT (project_id) DO UPDATE SET methodology = excluded.methodology,
                agreement = excluded.agreement, tasks_scored = excluded.tasks_scored,
                refreshed_at = excluded.refreshed_at, stale = pa.stale
            """)) {
      ps.setLong(1, projectId);
      ps.setString(2, scorer.methodology().apiName());
      ps.setObject(3, overall.agreement());
      ps.setInt(4, overall.tasksScored());
      ps.setTimestamp(5, Timestamp.from(now));
      ps.setTimestamp(6, Timestamp.from(now));
      ps.executeUpdate();
    }
  }

  private static boolean backfilledBefore(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM agreement.project_agreement WHERE project_id = ? AND job_id IS NOT NULL")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long organization(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LabelStudioChanges.CONFIG_HASH)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(2);
      }
    }
  }

  private static boolean backfillRunning(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM agreement.backfill_job WHERE project_id = ? AND status = 'RUNNING'")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private List<Mark> take(Connection c, long projectId) throws SQLException {
    List<Mark> taken = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT task_id, seq, marked_at FROM agreement.dirty_task WHERE project_id = ?"
                + " ORDER BY marked_at, task_id LIMIT ?")) {
      ps.setLong(1, projectId);
      ps.setInt(2, batch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          taken.add(new Mark(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
        }
      }
    }
    return taken;
  }

  /**
   * Takes the project's deleted annotations (their rows go with this transaction) and returns the
   * tasks they were scored in, found with one scan of the project's task_state rows, as marks of no
   * dirty_task row ({@link #NO_SEQ}) stamped when the oldest was queued.
   */
  private static List<Mark> takeDeleted(Connection c, long projectId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    Instant oldest = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM agreement.deleted_annotation WHERE project_id = ?"
                + " RETURNING annotation_id, marked_at")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          Instant at = rs.getTimestamp(2).toInstant();
          oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        }
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Mark> marks = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT task_id FROM agreement.task_state"
                + " WHERE project_id = ? AND annotation_ids && CAST(? AS integer[])")) {
      ps.setLong(1, projectId);
      ps.setString(2, PgArrays.of(ids.stream().mapToLong(Long::longValue).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          marks.add(new Mark(rs.getLong(1), NO_SEQ, oldest));
        }
      }
    }
    return marks;
  }

  /** The taken marks and the deleted annotations' tasks, each task once (its own mark first). */
  private static List<Mark> withDeleted(List<Mark> taken, List<Mark> deleted) {
    if (deleted.isEmpty()) {
      return taken;
    }
    Map<Long, Mark> byTask = new LinkedHashMap<>();
    taken.forEach(m -> byTask.put(m.taskId(), m));
    deleted.forEach(m -> byTask.putIfAbsent(m.taskId(), m));
    return new ArrayList<>(byTask.values());
  }

  /** Only the marks as taken: a task marked again meanwhile has a new seq and stays. */
  private static void deleteMarks(Connection c, long projectId, List<Mark> taken)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            DELETE FROM agreement.dirty_task d
            USING unnest(CAST(? AS integer[]), CAST(? AS bigint[])) AS x(task_id, seq)
            WHERE d.project_id = ? AND d.task_id = x.task_id AND d.seq = x.seq
            """)) {
      ps.setString(1, PgArrays.of(taken.stream().mapToLong(Mark::taskId).toArray()));
      ps.setString(2, PgArrays.of(taken.stream().mapToLong(Mark::seq).toArray()));
      ps.setLong(3, projectId);
      ps.executeUpdate();
    }
  }

  /**
   * The refreshed tasks that changed again meanwhile without a mark telling which: marked again
   * now, so no change is left unscored until the next reconciliation.
   */
  private static long[] changedSinceScored(Connection c, long projectId, List<Mark> taken)
      throws SQLException {
    List<Long> changed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LabelStudioChanges.CHANGED_SINCE_SCORED)) {
      ps.setString(1, PgArrays.of(taken.stream().mapToLong(Mark::taskId).toArray()));
      ps.setLong(2, projectId);
      ps.setLong(3, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changed.add(rs.getLong(1));
        }
      }
    }
    return changed.stream().mapToLong(Long::longValue).toArray();
  }

  private static void dropMarks(Connection c, long projectId) throws SQLException {
    for (String sql :
        List.of(
            "DELETE FROM agreement.dirty_task WHERE project_id = ?",
            "DELETE FROM agreement.deleted_annotation WHERE project_id = ?",
            "DELETE FROM agreement.refresh_request WHERE project_id = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, projectId);
        ps.executeUpdate();
      }
    }
  }
}
