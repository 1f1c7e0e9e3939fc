package io.agreement.worker.job;

import io.agreement.engine.AnnotatorSummary;
import io.agreement.engine.Methodology;
import io.agreement.engine.PairSum;
import io.agreement.engine.ProjectSummary;
import io.agreement.engine.ScoredTag;
import io.agreement.engine.TagSummary;
import io.agreement.engine.TaskPairs;
import io.agreement.engine.TaskScore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one project's results inside the job's single write transaction: old rows deleted first,
 * task rows streamed with binary COPY chunk by chunk, summaries and COMPLETED at the end.
 */
public final class ResultWriter implements AutoCloseable {

  private final Connection connection;
  private final CopyManager copy;
  private final long projectId;
  private final Instant now;
  private final List<ScoredTag> tags;
  private final BinaryCopy taskRows =
      new BinaryCopy(
          "agreement.task_agreement (task_id, project_id, agreement, annotations, tag_scores,"
              + " computed_at)",
          6);
  private final BinaryCopy stateRows =
      new BinaryCopy(
          "agreement.task_state (task_id, project_id, annotation_ids, fingerprint, ratings)", 5);
  private long tagScoresBuffered;
  private long tagScoresFlushed;
  private final PairRows pairs;
  private ScoreDistribution distribution;
  private ExecutorService sender;
  private Future<?> inFlight;

  public ResultWriter(Connection connection, long projectId, Instant now, List<ScoredTag> tags)
      throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.projectId = projectId;
    // PostgreSQL keeps microseconds, and it rounds a nanosecond remainder differently from
    // pgjdbc; truncated first, the COPY rows and the JDBC parameters store the same instant.
    this.now = now.truncatedTo(ChronoUnit.MICROS);
    this.tags = tags;
    this.pairs = new PairRows(connection, projectId, tags);
  }

  /** A backfill's start: the project's old rows go, and its score distribution starts afresh. */
  void deleteOld() throws SQLException {
    await();
    distribution = ScoreDistribution.expecting(connection, projectId);
    for (String table :
        List.of(
            "task_agreement",
            "task_state",
            "annotator_tag_agreement",
            "annotator_agreement",
            "project_tag_agreement")) {
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM agreement." + table + " WHERE project_id = ?")) {
        ps.setLong(1, projectId);
        ps.executeUpdate();
      }
    }
    pairs.deleteOld();
  }

  /** A task's scores with the pair rows of the read API; groundTruth null when it has none. */
  public void add(TaskPairs scored, Long groundTruth) {
    add(scored.score());
    pairs.add(scored, groundTruth);
  }

  void add(TaskScore score) {
    double[] scores = score.tagScores();
    taskRows.row().int4(score.taskId()).int4(projectId).float8(score.overall());
    taskRows.int4(score.annotations()).float8Array(scores, scores.length).timestamptz(now);
    tagScoresBuffered += scores.length;
    if (distribution != null && score.overall() != null && Double.isFinite(score.overall())) {
      distribution.add(score.overall(), 1);
    }
  }

  /**
   * What a task with counted annotations was scored from: their ids, their fingerprint and the
   * engine's encoding of their ratings.
   */
  public void addState(long taskId, long[] annotationIds, String fingerprint, byte[] ratings) {
    stateRows
        .row()
        .int4(taskId)
        .int4(projectId)
        .int4Array(annotationIds)
        .text(fingerprint)
        .bytea(ratings);
  }

  /** Sends the buffered rows, still uncommitted. */
  public void flush() throws SQLException {
    await();
    taskRows.send(copy);
    stateRows.send(copy);
    pairs.flush();
    tagScoresFlushed += tagScoresBuffered;
    tagScoresBuffered = 0;
  }

  /**
   * Sends the buffered rows on the writer's own thread while the caller goes on scoring the next
   * chunk: PostgreSQL stores one chunk while the worker computes the next. One send at a time, in
   * order: a second waits for the first, and so does everything else that uses the connection. A
   * failed send fails the next call that waits. {@link #close} ends the thread.
   */
  public void flushInBackground() throws SQLException {
    await();
    List<BinaryCopy> rows = List.of(taskRows.detach(), stateRows.detach(), pairs.detach());
    tagScoresFlushed += tagScoresBuffered;
    tagScoresBuffered = 0;
    if (sender == null) {
      sender =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "result-writer-" + projectId);
                t.setDaemon(true);
                return t;
              });
    }
    inFlight =
        sender.submit(
            () -> {
              for (BinaryCopy table : rows) {
                table.send(copy);
              }
              return null;
            });
  }

  /** Drops the buffered rows unsent, as a {@link Warmup} does with the rows it builds. */
  void discard() {
    taskRows.detach();
    stateRows.detach();
    pairs.detach();
    tagScoresBuffered = 0;
  }

  /** Waits for the send in flight, if any; its failure is this call's. */
  public void await() throws SQLException {
    Future<?> sending = inFlight;
    if (sending == null) {
      return;
    }
    inFlight = null;
    try {
      sending.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("Writing results failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while results were being written", e);
    }
  }

  /** Waits for a send in flight and ends the writer's thread. */
  @Override
  public void close() throws SQLException {
    try {
      await();
    } finally {
      if (sender != null) {
        sender.shutdown();
      }
    }
  }

  /** Tag scores sent so far: all of the project's once the transaction commits. */
  public long tagScoresFlushed() {
    return tagScoresFlushed;
  }

  /** Stable ids of the project's tags (agreement.dimension), for those that have none yet. */
  public void assignDimensions() throws SQLException {
    await();
    DimensionIds.assign(connection, projectId, tags);
  }

  void writeSummary(ProjectSummary summary, Methodology methodology, long jobId)
      throws SQLException {
    await();
    writeTagSummaries(summary.tags());
    writeAnnotators(summary.annotators());
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
        INSERT INTO agreement.project_agreement
            (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
        VALUES (?, ?, ?, ?, ?, ?, false)
        ON CONFLICT (project_id) DO UPDATE SET job_id = excluded.job_id,
            methodology = excluded.methodology, agreement = excluded.agreement,
            tasks_scored = excluded.tasks_scored, computed_at = excluded.computed_at, stale = false
        """)) {
      ps.setLong(1, projectId);
      ps.setLong(2, jobId);
      ps.setString(3, methodology.apiName());
      ps.setObject(4, summary.agreement());
      ps.setInt(5, summary.tasksScored());
      ps.setTimestamp(6, Timestamp.from(now));
      ps.executeUpdate();
    }
    // After project_agreement, whose trigger holds the settings lock: a threshold change commits
    // before the distribution reads it, or after and updates the new rows.
    pairs.writeAggregates(distribution);
  }

  /**
   * Marks the job COMPLETED in this transaction, at {@code completedAt} (its results carry the
   * instant it began computing them); false when it was cancelled or taken over.
   */
  boolean complete(ClaimedJob job, String progressJson, Instant completedAt) throws SQLException {
    await();
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
        UPDATE agreement.backfill_job
        SET status = 'COMPLETED', completed_at = ?, progress = CAST(? AS jsonb), error_message = NULL
        WHERE id = ? AND status = 'RUNNING' AND worker_id = ?
        """)) {
      ps.setTimestamp(1, Timestamp.from(completedAt));
      ps.setString(2, progressJson);
      ps.setLong(3, job.jobId());
      ps.setString(4, job.workerId());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Deletes the given tasks' own rows in this project (scores, pair rows with their confusion,
   * state) before a refresh writes them again; a task moved here from another project keeps its
   * rows there until that project's refresh.
   */
  public void deleteTasks(long[] taskIds) throws SQLException {
    await();
    String ids = PgArrays.of(taskIds);
    for (String table : List.of("task_agreement", "task_state", "task_pair_scores")) {
      try (PreparedStatement ps =
          connection.prepareStatement(
              "DELETE FROM agreement."
                  + table
                  + " WHERE project_id = ? AND task_id = ANY(CAST(? AS integer[]))")) {
        ps.setLong(1, projectId);
        ps.setString(2, ids);
        ps.executeUpdate();
      }
    }
  }

  public void writeTagSummaries(List<TagSummary> summaries) throws SQLException {
    await();
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
        INSERT INTO agreement.project_tag_agreement (project_id, control_tag, tag_type, metric,
            threshold, weight, agreement, tasks_scored, krippendorff_alpha, alpha_level, position)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)) {
      int position = 0;
      for (TagSummary tag : summaries) {
        ps.setLong(1, projectId);
        ps.setString(2, tag.name());
        ps.setString(3, tag.type());
        ps.setString(4, tag.metric().apiName());
        ps.setDouble(5, tag.threshold());
        ps.setDouble(6, tag.weight());
        ps.setObject(7, tag.agreement());
        ps.setInt(8, tag.tasksScored());
        ps.setObject(9, tag.krippendorffAlpha());
        ps.setString(10, tag.alphaLevel());
        ps.setInt(11, position++);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeAnnotators(List<AnnotatorSummary> annotators) throws SQLException {
    BinaryCopy overall =
        new BinaryCopy("agreement.annotator_agreement (project_id, user_id, score_sum, pairs)", 4);
    BinaryCopy perTag =
        new BinaryCopy(
            "agreement.annotator_tag_agreement (project_id, user_id, control_tag, score_sum,"
                + " pairs)",
            5);
    for (AnnotatorSummary a : annotators) {
      overall.row().int4(projectId).int4(a.userId()).float8(a.scoreSum()).int8(a.pairs());
      for (Map.Entry<String, PairSum> e : a.perTag().entrySet()) {
        perTag
            .row()
            .int4(projectId)
            .int4(a.userId())
            .text(e.getKey())
            .float8(e.getValue().scoreSum())
            .int8(e.getValue().pairs());
      }
    }
    overall.send(copy);
    perTag.send(copy);
  }
}
