package io.agreement.worker.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's distribution of task scores (agreement.project_distribution), or a change to it, as
 * {@link PairAggregates#distribution} counts it by SQL: ten buckets [0, 0.1) ... [0.9, 1.0] (a
 * score a rounding error below a bound is on it), the scored tasks, their score sum, and those
 * below the project's agreement threshold.
 *
 * <p>A backfill adds each task's score as it passes ({@link #expecting}, with the threshold read at
 * its start) and keeps nothing per task. Should the threshold have changed by the time it writes
 * the row, the count below it is taken by SQL from the rows just written instead. A refresh ({@link
 * #keepingScores}) adds its tasks' old scores with sign -1 and their new ones with +1, and keeps
 * those few to count against the threshold read at the end.
 */
final class ScoreDistribution {

  private final long[] histogram = new long[10];
  private long total;
  private double sum;
  private final double expected;
  private long belowExpected;
  private final List<double[]> scores;

  private ScoreDistribution(double expected, List<double[]> scores) {
    this.expected = expected;
    this.scores = scores;
  }

  /** A whole project's distribution, counted against the threshold it has now. */
  static ScoreDistribution expecting(Connection c, long projectId) throws SQLException {
    return new ScoreDistribution(threshold(c, projectId), null);
  }

  /** A change to the distribution, counted against the threshold when it is applied. */
  static ScoreDistribution keepingScores() {
    return new ScoreDistribution(Double.NaN, new ArrayList<>());
  }

  /** One task's score (a finite number; a task without one is not in the distribution). */
  void add(double score, int sign) {
    int bucket = Math.min((int) Math.floor(score * 10 + 1e-9), 9);
    if (bucket >= 0) {
      histogram[bucket] += sign;
    }
    total += sign;
    sum += sign * score;
    if (scores != null) {
      scores.add(new double[] {score, sign});
    } else if (score < expected - 1e-9) {
      belowExpected += sign;
    }
  }

  /** The scores of these tasks' stored rows, with this sign. */
  void collect(Connection c, long projectId, String taskIds, int sign) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT agreement FROM agreement.task_agreement WHERE project_id = ?"
                + " AND task_id = ANY(CAST(? AS integer[])) AND agreement IS NOT NULL")) {
      ps.setLong(1, projectId);
      ps.setString(2, taskIds);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          add(rs.getDouble(1), sign);
        }
      }
    }
  }

  /** Adds this to the project's row (or creates it), in the caller's transaction. */
  void apply(Connection c, long projectId) throws SQLException {
    double threshold = threshold(c, projectId);
    long low;
    if (scores != null) {
      low = 0;
      for (double[] score : scores) {
        if (score[0] < threshold - 1e-9) {
          low += (long) score[1];
        }
      }
    } else if (Double.compare(threshold, expected) == 0) {
      low = belowExpected;
    } else {
      low = belowByRows(c, projectId, threshold);
    }
    StringBuilder add = new StringBuilder("{");
    for (int i = 0; i < histogram.length; i++) {
      add.append(i == 0 ? "" : ",").append(histogram[i]);
    }
    add.append('}');
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO agreement.project_distribution AS d
                (project_id, histogram, total_tasks, score_sum, low_agreement_count)
            VALUES (?, CAST(? AS bigint[]), ?, ?, ?)
            ON CONFLICT (project_id) DO UPDATE SET
                histogram = ARRAY(SELECT d.histogram[i] + excluded.histogram[i]
                                  FROM generate_series(1, 10) AS g(i) ORDER BY i),
                total_tasks = d.total_tasks + excluded.total_tasks,
                score_sum = d.score_sum + excluded.score_sum,
                low_agreement_count = d.low_agreement_count + excluded.low_agreement_count
            """)) {
      ps.setLong(1, projectId);
      ps.setString(2, add.toString());
      ps.setLong(3, total);
      ps.setDouble(4, sum);
      ps.setLong(5, low);
      ps.executeUpdate();
    }
  }

  private static long belowByRows(Connection c, long projectId, double threshold)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM agreement.task_agreement"
                + " WHERE project_id = ? AND agreement < ? - 1e-9")) {
      ps.setLong(1, projectId);
      ps.setDouble(2, threshold);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double threshold(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT agreement.agreement_threshold(?)")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }
}
