package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioAnnotations;
import io.agreement.engine.MalformedResultException;
import io.agreement.engine.ParsedAnnotation;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.ProjectStatistics;
import io.agreement.engine.TaskPairs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
      progress.tasksTotal.set(LabelStudioAnnotations.countTasks(read, job.projectId()));
      write.setAutoCommit(false);
      Instant computedAt = clock.instant();
      ResultWriter writer =
          new ResultWriter(write, job.projectId(), computedAt, scorer.scorer().tags());
      writer.deleteOld();
      ProjectStatistics statistics = new ProjectStatistics(scorer.scorer(), job.projectId());
      Outcome outcome =
          stream(
              read,
              job.projectId(),
              scorer.scorer(),
              writer,
              new TaskBatch(statistics),
              signal,
              progress);
      if (outcome == Outcome.COMPLETED) {
        writer.writeSummary(scorer.scorer().summary(), scorer.methodology(), job.jobId());
        StatisticsWriter.replace(write, job.projectId(), computedAt, statistics.compute());
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
      TaskBatch batch,
      JobSignal signal,
      Progress progress)
      throws SQLException {
    try (PreparedStatement ps = read.prepareStatement(LabelStudioAnnotations.BY_TASK)) {
      ps.setFetchSize(5000);
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
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

  /**
   * The annotations of the task being read with their update times, how many tasks the current
   * chunk holds, and the statistics each task is added to.
   */
  private static final class TaskBatch {
    long taskId;
    int tasksInChunk;
    final List<ParsedAnnotation> annotations = new ArrayList<>();
    final GroundTruthPick groundTruth = new GroundTruthPick();
    final List<Long> updatedAt = new ArrayList<>();
    final ProjectStatistics statistics;

    TaskBatch(ProjectStatistics statistics) {
      this.statistics = statistics;
    }

    void addStatistics() {
      if (!annotations.isEmpty()) {
        statistics.add(
            taskId, annotations, updatedAt.stream().mapToLong(Long::longValue).toArray());
      }
      annotations.clear();
      updatedAt.clear();
    }
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
      Timestamp updatedAt = rs.getTimestamp(6);
      batch.groundTruth.offer(annotationId, rs.getBoolean(5), updatedAt);
      batch.updatedAt.add(micros(updatedAt));
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

  /** Microseconds since the epoch, PostgreSQL's own precision, to order annotations by. */
  private static long micros(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
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
    batch.addStatistics();
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

  private static void finish(Connection write, boolean commit) throws SQLException {
    if (commit) {
      write.commit();
    } else {
      write.rollback();
    }
  }
}
