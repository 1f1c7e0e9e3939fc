package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioAnnotations;
import io.agreement.common.labelstudio.LabelStudioChanges.Fingerprint;
import io.agreement.engine.MalformedResultException;
import io.agreement.engine.ParsedAnnotation;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.ProjectStatistics;
import io.agreement.engine.TaskPairs;
import io.agreement.engine.TaskRatings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the rows of {@link LabelStudioAnnotations#BY_TASK} (or a query of the same columns) task
 * by task, for a backfill and a refresh alike: each task's scores and pair rows go to the {@link
 * ResultWriter}, with what it was computed from (annotation ids, fingerprint, ratings), and its
 * ratings to the project's statistics when there are any. Not thread-safe.
 */
public final class TaskScoring {

  private static final Logger log = LoggerFactory.getLogger(TaskScoring.class);
  private static final int SKIPS_LOGGED = 10;

  private final ProjectScorer scorer;
  private final ResultWriter writer;
  private final ProjectStatistics statistics;
  private final Progress progress;
  private final WorkerMetrics metrics;

  private long taskId;
  private int tasksInChunk;
  private final List<ParsedAnnotation> annotations = new ArrayList<>();
  private final List<Long> updatedAt = new ArrayList<>();
  private final List<Long> annotationIds = new ArrayList<>();
  private final GroundTruthPick groundTruth = new GroundTruthPick();
  private final Fingerprint fingerprint = new Fingerprint();

  /**
   * @param statistics where each task's ratings go; null when the caller recomputes them from the
   *     stored ratings
   * @param metrics the backfill's throughput counters; null for a refresh
   */
  public TaskScoring(
      ProjectScorer scorer,
      ResultWriter writer,
      ProjectStatistics statistics,
      Progress progress,
      WorkerMetrics metrics) {
    this.scorer = scorer;
    this.writer = writer;
    this.statistics = statistics;
    this.progress = progress;
    this.metrics = metrics;
  }

  /**
   * Takes the next row; returns true when it began a new task after a finished one, which is when a
   * caller may flush.
   */
  public boolean accept(ResultSet rs) throws SQLException {
    long task = rs.getLong(1);
    boolean finished = false;
    if (task != taskId && taskId != 0) {
      finish();
      finished = true;
    }
    taskId = task;
    addAnnotation(rs);
    return finished;
  }

  /** Scores the last task, if any. */
  public void end() {
    if (taskId != 0) {
      finish();
      taskId = 0;
    }
  }

  /** Tasks finished since the last {@link #chunkFlushed()}. */
  public int tasksInChunk() {
    return tasksInChunk;
  }

  public void chunkFlushed() {
    tasksInChunk = 0;
  }

  private void addAnnotation(ResultSet rs) throws SQLException {
    long annotationId = rs.getLong(2);
    if (rs.wasNull()) {
      return;
    }
    long userId = rs.getLong(3);
    boolean isGroundTruth = rs.getBoolean(5);
    Timestamp updated = rs.getTimestamp(6);
    annotationIds.add(annotationId);
    fingerprint.add(annotationId, updated, isGroundTruth);
    try {
      ParsedAnnotation parsed = scorer.parse(annotationId, userId, rs.getBytes(4));
      annotations.add(parsed);
      groundTruth.offer(annotationId, isGroundTruth, updated);
      updatedAt.add(Fingerprint.micros(updated));
      if (parsed.itemsSkipped() > 0) {
        progress.resultItemsSkipped.addAndGet(parsed.itemsSkipped());
        logSkip(
            "Skipping result items of annotation {} of task {}: {}",
            annotationId,
            parsed.firstSkipped());
      }
    } catch (MalformedResultException e) {
      progress.annotationsSkipped.incrementAndGet();
      logSkip("Skipping annotation {} of task {}: {}", annotationId, e.getMessage());
    }
  }

  /** The first few of a job's skips are logged; the progress counters count them all. */
  private void logSkip(String message, long annotationId, String why) {
    if (progress.skipsLogged < SKIPS_LOGGED) {
      log.warn(message, annotationId, taskId, why);
    } else if (progress.skipsLogged == SKIPS_LOGGED) {
      log.warn("Further skips of this job are counted in its progress but not logged");
    }
    progress.skipsLogged++;
  }

  private void finish() {
    Optional<TaskPairs> score = scorer.scoreWithPairs(taskId, annotations);
    score.ifPresent(
        s -> {
          writer.add(s, groundTruth.pick());
          if (s.score().matrix() != null) {
            progress.matricesCreated.incrementAndGet();
          }
        });
    long[] times = updatedAt.stream().mapToLong(Long::longValue).toArray();
    if (!fingerprint.isEmpty()) {
      writer.addState(
          taskId,
          annotationIds.stream().mapToLong(Long::longValue).toArray(),
          fingerprint.toString(),
          TaskRatings.encode(scorer, annotations, times));
    }
    if (statistics != null && !annotations.isEmpty()) {
      statistics.add(taskId, annotations, times);
    }
    progress.tasksProcessed.incrementAndGet();
    progress.annotationsProcessed.addAndGet(annotations.size());
    if (metrics != null) {
      metrics.processed(1, annotations.size());
    }
    annotations.clear();
    updatedAt.clear();
    annotationIds.clear();
    groundTruth.reset();
    fingerprint.reset();
    tasksInChunk++;
  }
}
