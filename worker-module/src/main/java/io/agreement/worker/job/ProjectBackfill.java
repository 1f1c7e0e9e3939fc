package io.agreement.worker.job;

import io.agreement.engine.MalformedResultException;
import io.agreement.engine.ParsedAnnotation;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.TaskPairs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes one project: streams its tasks and annotations from one REPEATABLE READ snapshot,
 * scores them chunk by chunk and writes the results in one transaction that also marks the job
 * COMPLETED. Memory is bounded by the chunk size, not by the project.
 */
final class ProjectBackfill {

  enum Outcome {
    COMPLETED,
    CANCELLED,
    HANDED_BACK
  }

  private static final Logger log = LoggerFactory.getLogger(ProjectBackfill.class);
  private static final int SKIPS_LOGGED = 10;

  /**
   * Per-task index lookups (LATERAL) whatever the statistics say: a hash join would scan every
   * annotation of the database for each project when the planner misjudges a freshly loaded table.
   */
  private static final String STREAM =
      """
      SELECT t.id, c.id, c.completed_by_id, c.result::text, c.ground_truth, c.updated_at
      FROM task t
      LEFT JOIN LATERAL (
        SELECT c.id, c.completed_by_id, c.result, c.ground_truth, c.updated_at
        FROM task_completion c
        WHERE c.task_id = t.id AND c.was_cancelled IS NOT TRUE
        ORDER BY c.id
      ) c ON true
      WHERE t.project_id = ?
      ORDER BY t.id, c.id
      """;

  private final DataSource dataSource;
  private final ScorerFactory scorers;
  private final Clock clock;
  private final int chunkSize;
  private final Duration chunkPause;
  private final WorkerMetrics metrics;

  ProjectBackfill(
      DataSource dataSource,
      ScorerFactory scorers,
      Clock clock,
      WorkerProperties props,
      WorkerMetrics metrics) {
    this.dataSource = dataSource;
    this.scorers = scorers;
    this.clock = clock;
    this.chunkSize = props.chunkSize();
    this.chunkPause = props.chunkPause();
    this.metrics = metrics;
  }

  Outcome run(ClaimedJob job, JobSignal signal, Progress progress) throws SQLException {
    try (Connection read = dataSource.getConnection();
        Connection write = dataSource.getConnection()) {
      read.setAutoCommit(false);
      read.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      read.setReadOnly(true);
      ScorerFactory.Scorer scorer = scorers.load(read, job.projectId());
      progress.tasksTotal.set(countTasks(read, job.projectId()));
      write.setAutoCommit(false);
      ResultWriter writer =
          new ResultWriter(write, job.projectId(), clock.instant(), scorer.scorer().tags());
      writer.deleteOld();
      Outcome outcome = stream(read, job.projectId(), scorer.scorer(), writer, signal, progress);
      if (outcome == Outcome.COMPLETED) {
        writer.writeSummary(scorer.scorer().summary(), scorer.methodology(), job.jobId());
        outcome = writer.complete(job, progress.toJson()) ? Outcome.COMPLETED : Outcome.CANCELLED;
      }
      finish(write, outcome == Outcome.COMPLETED);
      if (outcome == Outcome.COMPLETED) {
        metrics.tagScoresWritten(writer.tagScoresFlushed());
      }
      read.commit();
      return outcome;
    }
  }

  private Outcome stream(
      Connection read,
      long projectId,
      ProjectScorer scorer,
      ResultWriter writer,
      JobSignal signal,
      Progress progress)
      throws SQLException {
    try (PreparedStatement ps = read.prepareStatement(STREAM)) {
      ps.setFetchSize(5000);
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        TaskBatch batch = new TaskBatch();
        while (rs.next()) {
          long taskId = rs.getLong(1);
          if (taskId != batch.taskId && batch.taskId != 0) {
            score(scorer, batch, writer, progress);
            if (batch.tasksInChunk >= chunkSize) {
              flush(writer, batch);
              if (signal.shouldStop()) {
                return stopped(signal);
              }
            }
          }
          batch.taskId = taskId;
          addAnnotation(scorer, rs, batch, progress);
        }
        if (batch.taskId != 0) {
          score(scorer, batch, writer, progress);
        }
        flush(writer, batch);
        return signal.shouldStop() ? stopped(signal) : Outcome.COMPLETED;
      }
    }
  }

  private static Outcome stopped(JobSignal signal) {
    return signal.cancelled() ? Outcome.CANCELLED : Outcome.HANDED_BACK;
  }

  /** The annotations of the task being read, and how many tasks the current chunk holds. */
  private static final class TaskBatch {
    long taskId;
    int tasksInChunk;
    final List<ParsedAnnotation> annotations = new ArrayList<>();
    final GroundTruthPick groundTruth = new GroundTruthPick();
  }

  private void addAnnotation(ProjectScorer scorer, ResultSet rs, TaskBatch batch, Progress progress)
      throws SQLException {
    long annotationId = rs.getLong(2);
    if (rs.wasNull()) {
      return;
    }
    long userId = rs.getLong(3);
    try {
      ParsedAnnotation parsed = scorer.parse(annotationId, userId, rs.getString(4));
      batch.annotations.add(parsed);
      batch.groundTruth.offer(annotationId, rs.getBoolean(5), rs.getTimestamp(6));
      if (parsed.itemsSkipped() > 0) {
        progress.resultItemsSkipped.addAndGet(parsed.itemsSkipped());
        logSkip(
            progress,
            "Skipping result items of annotation {} of task {}: {}",
            annotationId,
            batch.taskId,
            parsed.firstSkipped());
      }
    } catch (MalformedResultException e) {
      progress.annotationsSkipped.incrementAndGet();
      logSkip(
          progress,
          "Skipping annotation {} of task {}: {}",
          annotationId,
          batch.taskId,
          e.getMessage());
    }
  }

  /** The first few of a job's skips are logged; the progress counters count them all. */
  private static void logSkip(
      Progress progress, String message, long annotationId, long taskId, String why) {
    if (progress.skipsLogged < SKIPS_LOGGED) {
      log.warn(message, annotationId, taskId, why);
    } else if (progress.skipsLogged == SKIPS_LOGGED) {
      log.warn("Further skips of this job are counted in its progress but not logged");
    }
    progress.skipsLogged++;
  }

  private void score(
      ProjectScorer scorer, TaskBatch batch, ResultWriter writer, Progress progress) {
    Optional<TaskPairs> score = scorer.scoreWithPairs(batch.taskId, batch.annotations);
    score.ifPresent(
        s -> {
          writer.add(s, batch.groundTruth.pick());
          if (s.score().matrix() != null) {
            progress.matricesCreated.incrementAndGet();
          }
        });
    progress.tasksProcessed.incrementAndGet();
    progress.annotationsProcessed.addAndGet(batch.annotations.size());
    metrics.processed(1, batch.annotations.size());
    batch.annotations.clear();
    batch.groundTruth.reset();
    batch.tasksInChunk++;
  }

  private void flush(ResultWriter writer, TaskBatch batch) throws SQLException {
    writer.flush();
    batch.tasksInChunk = 0;
    if (!chunkPause.isZero()) {
      Pause.sleep(chunkPause);
    }
  }

  private static long countTasks(Connection read, long projectId) throws SQLException {
    try (PreparedStatement ps =
        read.prepareStatement("SELECT count(*) FROM task WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void finish(Connection write, boolean commit) throws SQLException {
    if (commit) {
      write.commit();
    } else {
      write.rollback();
    }
  }
}
