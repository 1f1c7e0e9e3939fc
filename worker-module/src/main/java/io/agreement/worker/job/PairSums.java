package io.agreement.worker.job;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyManager;

/**
 * A backfill's sums of the read API (annotator pairs, label pairs, ground truth, confusion), added
 * up task by task while the tasks stream past, and written once at the end. They are the sums
 * {@link PairAggregates} selects from the per-task rows (a refresh's deltas use those), here
 * without reading the rows back: same-user pairs count nowhere, a missing score counts as a member
 * but not as a pair, a task counts once per sum it contributes to. Its size is bounded by
 * annotators, labels and confusion cells, never by tasks.
 */
final class PairSums {

  private record UserPair(long a, long b) {}

  private record LabelPair(String label, long a, long b) {}

  private record Truth(long user, boolean perLabel, String label) {}

  private record Cell(String tag, String mode, String actual, String predicted) {}

  /** One sum: score sum and pairs over its non-null scores, members, distinct tasks. */
  private static final class Sum {
    double scoreSum;
    long pairs;
    long members;
    long tasks;
    long lastTask = Long.MIN_VALUE;

    void add(long task, double score) {
      if (Double.isFinite(score)) {
        scoreSum += score;
        pairs++;
      }
      members++;
      touch(task);
    }

    void touch(long task) {
      if (task != lastTask) {
        lastTask = task;
        tasks++;
      }
    }
  }

  private final Map<UserPair, Sum> annotatorPairs = new HashMap<>();
  private final Map<LabelPair, Sum> labelPairs = new HashMap<>();
  private final Map<Truth, Sum> truths = new HashMap<>();
  private final Map<Cell, long[]> confusion = new HashMap<>();

  /**
   * One task's pairs, as task_pair_scores holds them: pair k's annotations, users and overall
   * score, and the per-label entries (pair index, label, score); a score that is not a finite
   * number is missing.
   *
   * @param groundTruth the task's ground-truth annotation, null when it has none
   */
  void addTask(
      long taskId,
      Long groundTruth,
      long[] userIds,
      long[] annotationA,
      long[] annotationB,
      long[] userA,
      long[] userB,
      double[] overall,
      int[] labelPair,
      String[] labelName,
      double[] labelScore) {
    for (long user : userIds) {
      annotatorPairs.computeIfAbsent(new UserPair(user, user), k -> new Sum()).touch(taskId);
    }
    for (int k = 0; k < userA.length; k++) {
      if (userA[k] == userB[k]) {
        continue;
      }
      double score = overall == null ? Double.NaN : overall[k];
      pair(annotatorPairs, new UserPair(Math.min(userA[k], userB[k]), Math.max(userA[k], userB[k])))
          .add(taskId, score);
      if (groundTruth != null) {
        Long other = other(groundTruth, annotationA[k], annotationB[k], userA[k], userB[k]);
        if (other != null) {
          pair(truths, new Truth(other, false, "")).add(taskId, score);
        }
      }
    }
    for (int i = 0; i < labelPair.length; i++) {
      int k = labelPair[i];
      long a = userA[k];
      long b = userB[k];
      if (a == b) {
        continue;
      }
      String label = labelName[i];
      pair(labelPairs, new LabelPair(label, Math.min(a, b), Math.max(a, b)))
          .add(taskId, labelScore[i]);
      pair(labelPairs, new LabelPair(label, a, a)).touch(taskId);
      pair(labelPairs, new LabelPair(label, b, b)).touch(taskId);
      if (groundTruth != null) {
        Long other = other(groundTruth, annotationA[k], annotationB[k], a, b);
        if (other != null) {
          pair(truths, new Truth(other, true, label)).add(taskId, labelScore[i]);
        }
      }
    }
  }

  /** One task's cells of a tag's confusion matrix in one mode. */
  void addConfusion(String tag, String mode, Map<List<String>, Integer> counts) {
    counts.forEach(
        (cell, count) ->
            confusion
                    .computeIfAbsent(
                        new Cell(tag, mode, cell.get(0), cell.get(1)), k -> new long[1])[0] +=
                count);
  }

  /** The sums' rows, into tables emptied for them. */
  void write(CopyManager copy, long projectId) throws SQLException {
    BinaryCopy rows =
        new BinaryCopy(
            "agreement.annotator_pair_agreement (project_id, user_a, user_b, score_sum, pairs,"
                + " common_tasks)",
            6);
    annotatorPairs.forEach(
        (key, sum) ->
            rows.row()
                .int4(projectId)
                .int4(key.a())
                .int4(key.b())
                .float8(sum.scoreSum)
                .int8(sum.pairs)
                .int8(sum.tasks));
    rows.send(copy);
    BinaryCopy labels =
        new BinaryCopy(
            "agreement.label_pair_agreement (project_id, label, user_a, user_b, score_sum, pairs,"
                + " common_tasks)",
            7);
    labelPairs.forEach(
        (key, sum) ->
            labels
                .row()
                .int4(projectId)
                .text(key.label())
                .int4(key.a())
                .int4(key.b())
                .float8(sum.scoreSum)
                .int8(sum.pairs)
                .int8(sum.tasks));
    labels.send(copy);
    BinaryCopy truth =
        new BinaryCopy(
            "agreement.ground_truth_agreement (project_id, user_id, per_label, label, score_sum,"
                + " pairs, members)",
            7);
    truths.forEach(
        (key, sum) ->
            truth
                .row()
                .int4(projectId)
                .int4(key.user())
                .bool(key.perLabel())
                .text(key.label())
                .float8(sum.scoreSum)
                .int8(sum.pairs)
                .int8(sum.members));
    truth.send(copy);
    BinaryCopy cells =
        new BinaryCopy(
            "agreement.project_confusion (project_id, control_tag, mode, actual, predicted, count)",
            6);
    confusion.forEach(
        (key, count) ->
            cells
                .row()
                .int4(projectId)
                .text(key.tag())
                .text(key.mode())
                .text(key.actual())
                .text(key.predicted())
                .int8(count[0]));
    cells.send(copy);
  }

  private static <K> Sum pair(Map<K, Sum> sums, K key) {
    return sums.computeIfAbsent(key, k -> new Sum());
  }

  /** The user on the other side of the ground truth, or null when the pair does not include it. */
  private static Long other(long groundTruth, long annA, long annB, long userA, long userB) {
    if (annA == groundTruth) {
      return userB;
    }
    return annB == groundTruth ? userA : null;
  }
}
