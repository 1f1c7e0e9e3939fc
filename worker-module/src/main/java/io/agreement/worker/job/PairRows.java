package io.agreement.worker.job;

import io.agreement.engine.ScoredTag;
import io.agreement.engine.TaskPairs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What Label Studio Enterprise's read API answers from (SPEC 8), written in the job's transaction:
 * per task its pair scores and confusion counts in one row (COPY, replaced per task), then the
 * per-project sums over those rows ({@link PairSums}, {@link PairAggregates}).
 */
final class PairRows {

  private static final List<String> TABLES =
      List.of(
          "task_pair_scores",
          "annotator_pair_agreement",
          "label_pair_agreement",
          "ground_truth_agreement",
          "project_confusion",
          "project_distribution");

  private final Connection connection;
  private final CopyManager copy;
  private final long projectId;
  private final List<ScoredTag> tags;
  private final BinaryCopy pairRows =
      new BinaryCopy(
          "agreement.task_pair_scores (task_id, project_id, ground_truth, user_ids, pair_ann_a,"
              + " pair_ann_b, pair_user_a, pair_user_b, pair_score, tag_count, tag_scores,"
              + " label_pair, label_name, label_score, confusion_tag, confusion_mode,"
              + " confusion_actual, confusion_predicted, confusion_count)",
          19);
  private final PairSums sums = new PairSums();

  PairRows(Connection connection, long projectId, List<ScoredTag> tags) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    this.projectId = projectId;
    this.tags = tags;
  }

  void deleteOld() throws SQLException {
    for (String table : TABLES) {
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM agreement." + table + " WHERE project_id = ?")) {
        ps.setLong(1, projectId);
        ps.executeUpdate();
      }
    }
  }

  /**
   * @param groundTruth the task's ground-truth annotation, null when it has none
   */
  void add(TaskPairs pairs, Long groundTruth) {
    long taskId = pairs.score().taskId();
    Columns pair = Columns.of(pairs, tags.size());
    int[] labelPair = pairs.labelPair().clone();
    for (int i = 0; i < labelPair.length; i++) {
      labelPair[i]++;
    }
    Confusion confusion = confusion(pairs, groundTruth);
    pairRows.row().int4(taskId).int4(projectId);
    if (groundTruth == null) {
      pairRows.nullValue();
    } else {
      pairRows.int4(groundTruth);
    }
    int count = pairs.pairCount();
    pairRows
        .int4Array(pairs.userIds())
        .int4Array(pair.annotationA)
        .int4Array(pair.annotationB)
        .int4Array(pair.userA)
        .int4Array(pair.userB)
        .float8Array(pairs.overall(), count)
        .int4(tags.size())
        .float8Array(pair.tagScores, pair.tagScores.length)
        .int4Array(labelPair)
        .textArray(pairs.labelName())
        .float8Array(pairs.labelScore(), pairs.labelScore().length)
        .textArray(confusion.tag.toArray(String[]::new))
        .textArray(confusion.mode.toArray(String[]::new))
        .textArray(confusion.actual.toArray(String[]::new))
        .textArray(confusion.predicted.toArray(String[]::new))
        .int4Array(confusion.count.stream().mapToInt(Integer::intValue).toArray());
    sums.addTask(
        taskId,
        groundTruth,
        pairs.userIds(),
        pair.annotationA,
        pair.annotationB,
        pair.userA,
        pair.userB,
        pairs.overall(),
        pairs.labelPair(),
        pairs.labelName(),
        pairs.labelScore());
  }

  /** A task's confusion cells, as the parallel arrays of its pair row. */
  private static final class Confusion {
    final List<String> tag = new ArrayList<>();
    final List<String> mode = new ArrayList<>();
    final List<String> actual = new ArrayList<>();
    final List<String> predicted = new ArrayList<>();
    final List<Integer> count = new ArrayList<>();
  }

  /** Pair k's annotations, users and tag scores (k * tag count + t), pairs i < j in row order. */
  private record Columns(
      long[] annotationA, long[] annotationB, long[] userA, long[] userB, double[] tagScores) {

    static Columns of(TaskPairs pairs, int tagCount) {
      int n = pairs.annotationIds().length;
      int count = pairs.pairCount();
      Columns c =
          new Columns(
              new long[count],
              new long[count],
              new long[count],
              new long[count],
              new double[count * tagCount]);
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++, k++) {
          c.annotationA[k] = pairs.annotationIds()[i];
          c.annotationB[k] = pairs.annotationIds()[j];
          c.userA[k] = pairs.userIds()[i];
          c.userB[k] = pairs.userIds()[j];
          for (int t = 0; t < tagCount; t++) {
            c.tagScores[k * tagCount + t] = pairs.tagPairs()[t][k];
          }
        }
      }
      return c;
    }
  }

  void flush() throws SQLException {
    pairRows.send(copy);
  }

  /** The buffered rows, for {@link ResultWriter#flushInBackground}; this starts afresh. */
  BinaryCopy detach() {
    return pairRows.detach();
  }

  /**
   * After every task row is flushed, for a backfill: the project's sums, added up as the tasks
   * passed, its distribution (counted from its rows when it did not start from an emptied project:
   * null) and its tags' stable ids.
   */
  void writeAggregates(ScoreDistribution distribution) throws SQLException {
    sums.write(copy, projectId);
    if (distribution != null) {
      distribution.apply(connection, projectId);
    } else {
      PairAggregates.distribution(connection, projectId);
    }
    DimensionIds.assign(connection, projectId, tags);
  }

  private Confusion confusion(TaskPairs pairs, Long groundTruth) {
    Confusion confusion = new Confusion();
    int gt = groundTruth == null ? -1 : indexOf(pairs.annotationIds(), groundTruth);
    for (int t = 0; t < tags.size(); t++) {
      String[][] values = pairs.values()[t];
      if (values == null) {
        continue;
      }
      String tag = tags.get(t).tag().name();
      add(confusion, tag, "all", TaskConfusion.all(values, pairs.userIds()));
      if (gt >= 0) {
        add(confusion, tag, "ground_truth", TaskConfusion.against(values, pairs.userIds(), gt));
      }
    }
    return confusion;
  }

  private void add(
      Confusion confusion, String tag, String mode, Map<List<String>, Integer> counts) {
    sums.addConfusion(tag, mode, counts);
    counts.forEach(
        (cell, count) -> {
          confusion.tag.add(tag);
          confusion.mode.add(mode);
          confusion.actual.add(cell.get(0));
          confusion.predicted.add(cell.get(1));
          confusion.count.add(count);
        });
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    return -1;
  }
}
