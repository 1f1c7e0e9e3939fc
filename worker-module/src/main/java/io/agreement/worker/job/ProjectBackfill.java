package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioAnnotations;
import io.agreement.engine.ProjectStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Recomputes one project: streams its tasks and annotations from one REPEATABLE READ snapshot,
 * scores them chunk by chunk (each chunk stored while the next is scored) and writes the results in
 * one transaction that also marks the job COMPLETED. Memory is bounded by the chunk size, except
 * for the statistics' bootstrap, which resamples tasks and keeps four bytes per task and tag.
 */
final class ProjectBackfill {

  enum Outcome {
    COMPLETED,
    CANCELLED,
    HANDED_BACK
  }

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
      // Before the snapshot: a refresh of the project either committed before it (and this
      // backfill includes what it read) or waits and keeps its marks for after.
      ProjectLock.lock(write, job.projectId());
      try {
        return run(job, signal, progress, read, write);
      } finally {
        ProjectLock.unlock(write, job.projectId());
      }
    }
  }

  private Outcome run(
      ClaimedJob job, JobSignal signal, Progress progress, Connection read, Connection write)
      throws SQLException {
    read.setAutoCommit(false);
    read.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    read.setReadOnly(true);
    Timestamp snapshotStart = transactionStart(read);
    ScorerFactory.Scorer scorer = scorers.load(read, job.projectId());
    String configHash = ProjectSources.currentHash(read, job.projectId());
    progress.tasksTotal.set(LabelStudioAnnotations.countTasks(read, job.projectId()));
    write.setAutoCommit(false);
    Instant computedAt = clock.instant();
    try (ResultWriter writer =
        new ResultWriter(write, job.projectId(), computedAt, scorer.scorer().tags())) {
      writer.deleteOld();
      ProjectStatistics statistics = new ProjectStatistics(scorer.scorer(), job.projectId());
      TaskScoring scoring = new TaskScoring(scorer.scorer(), writer, statistics, progress, metrics);
      Outcome outcome = stream(read, job.projectId(), scoring, writer, signal);
      // Every chunk stored, or its failure thrown, before the summaries or a rollback.
      writer.await();
      if (outcome == Outcome.COMPLETED) {
        writer.writeSummary(scorer.scorer().summary(), scorer.methodology(), job.jobId());
        StatisticsWriter.replace(write, job.projectId(), computedAt, statistics.compute());
        ProjectSources.record(write, job.projectId(), configHash, computedAt);
        coveredMarks(write, job.projectId(), snapshotStart);
        outcome =
            writer.complete(job, progress.toJson(), clock.instant())
                ? Outcome.COMPLETED
                : Outcome.CANCELLED;
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
      Connection read, long projectId, TaskScoring scoring, ResultWriter writer, JobSignal signal)
      throws SQLException {
    try (PreparedStatement ps = read.prepareStatement(LabelStudioAnnotations.BY_TASK)) {
      binaryResults(ps);
      ps.setFetchSize(5000);
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (scoring.accept(rs) && scoring.tasksInChunk() >= chunkSize) {
            flush(writer, scoring);
            if (signal.shouldStop()) {
              return stopped(signal);
            }
          }
        }
        scoring.end();
        flush(writer, scoring);
        return signal.shouldStop() ? stopped(signal) : Outcome.COMPLETED;
      }
    }
  }

  /**
   * The rows' numbers and timestamps in PostgreSQL's binary format from the first execution on a
   * connection, not only from pgjdbc's fifth: formatting every id and updated_at as text, and
   * parsing them back, made reading 100,000 annotations 15 to 20 % slower, in PostgreSQL's CPU and
   * in all.
   */
  static void binaryResults(PreparedStatement ps) throws SQLException {
    ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
  }

  private static Outcome stopped(JobSignal signal) {
    return signal.cancelled() ? Outcome.CANCELLED : Outcome.HANDED_BACK;
  }

  /** Stores the chunk while the next one is scored. */
  private void flush(ResultWriter writer, TaskScoring scoring) throws SQLException {
    writer.flushInBackground();
    scoring.chunkFlushed();
    if (!chunkPause.isZero()) {
      Pause.sleep(chunkPause);
    }
  }

  /**
   * The read transaction's start, at or before its snapshot: a change marked before it committed
   * before it too, so the backfill reads it.
   */
  private static Timestamp transactionStart(Connection read) throws SQLException {
    try (PreparedStatement ps = read.prepareStatement("SELECT now()");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  /**
   * Marks the backfill covers (dirty tasks and deleted annotations), made before its snapshot and
   * not since, need no refresh after it (a first backfill of a project being labeled would
   * otherwise be followed by a refresh of most of its tasks).
   */
  private static void coveredMarks(Connection write, long projectId, Timestamp snapshotStart)
      throws SQLException {
    for (String sql :
        List.of(
            "DELETE FROM agreement.dirty_task WHERE project_id = ? AND last_marked_at < ?",
            "DELETE FROM agreement.deleted_annotation WHERE project_id = ? AND marked_at < ?")) {
      try (PreparedStatement ps = write.prepareStatement(sql)) {
        ps.setLong(1, projectId);
        ps.setTimestamp(2, snapshotStart);
        ps.executeUpdate();
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
