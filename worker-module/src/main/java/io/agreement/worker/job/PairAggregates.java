package io.agreement.worker.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A project's sums over its per-task rows (task_pair_scores, task_agreement), by SQL from those
 * rows alone. Same-user pairs count nowhere here (SPEC 4.3a, SPEC 8).
 *
 * <p>A backfill adds the read API's sums up as it goes ({@link PairSums}; {@link #recompute} is the
 * same by SQL). A refresh updates every sum by the difference its tasks make ({@link Delta}): their
 * old rows' contribution is subtracted before they are replaced, the new rows' is added after, and
 * a sum no row contributes to any more is removed. Every sum is additive over tasks (a count of
 * distinct tasks too, as each task counts once in its own contribution), so the result is the full
 * sum's, at the cost of the changed tasks rather than the project.
 */
public final class PairAggregates {

  /**
   * One sum table: the SELECT of its rows from the per-task rows ({@code :p} the project, {@code
   * {only:alias}} where a delta restricts the table of that alias to some tasks), its key, its
   * additive columns and when a row counts nothing any more.
   */
  private record Sum(
      String table, List<String> keys, List<String> additive, String select, String empty) {

    String columns() {
      List<String> all = new ArrayList<>(keys);
      all.addAll(additive);
      return String.join(", ", all);
    }
  }

  private static final Sum ANNOTATOR_PAIRS =
      new Sum(
          "annotator_pair_agreement",
          List.of("project_id", "user_a", "user_b"),
          List.of("score_sum", "pairs", "common_tasks"),
          """
          SELECT :p, least(x.ua, x.ub), greatest(x.ua, x.ub), coalesce(sum(x.s), 0), count(x.s),
                 count(DISTINCT tp.task_id)
          FROM agreement.task_pair_scores tp,
               unnest(tp.pair_user_a, tp.pair_user_b, tp.pair_score) AS x(ua, ub, s)
          WHERE tp.project_id = :p {only:tp} AND x.ua <> x.ub
          GROUP BY 2, 3
          UNION ALL
          SELECT :p, u.id, u.id, 0, 0, count(DISTINCT tp.task_id)
          FROM agreement.task_pair_scores tp, unnest(tp.user_ids) AS u(id)
          WHERE tp.project_id = :p {only:tp}
          GROUP BY u.id
          """,
          "common_tasks = 0");

  private static final Sum LABEL_PAIRS =
      new Sum(
          "label_pair_agreement",
          List.of("project_id", "label", "user_a", "user_b"),
          List.of("score_sum", "pairs", "common_tasks"),
          """
          WITH l AS (
            SELECT tp.task_id, tp.pair_user_a[x.k] AS ua, tp.pair_user_b[x.k] AS ub, x.label, x.s
            FROM agreement.task_pair_scores tp,
                 unnest(tp.label_pair, tp.label_name, tp.label_score) AS x(k, label, s)
            WHERE tp.project_id = :p {only:tp} AND tp.pair_user_a[x.k] <> tp.pair_user_b[x.k]
          )
          SELECT :p, label, least(ua, ub), greatest(ua, ub), coalesce(sum(s), 0), count(s),
                 count(DISTINCT task_id)
          FROM l GROUP BY label, 3, 4
          UNION ALL
          SELECT :p, label, v.u, v.u, 0, 0, count(DISTINCT task_id)
          FROM l, LATERAL (VALUES (l.ua), (l.ub)) AS v(u)
          GROUP BY label, v.u
          """,
          "common_tasks = 0");

  private static final Sum GROUND_TRUTH =
      new Sum(
          "ground_truth_agreement",
          List.of("project_id", "user_id", "per_label", "label"),
          List.of("score_sum", "pairs", "members"),
          """
          SELECT :p, CASE WHEN x.aa = tp.ground_truth THEN x.ub ELSE x.ua END, false, '',
                 coalesce(sum(x.s), 0), count(x.s), count(*)
          FROM agreement.task_pair_scores tp,
               unnest(tp.pair_ann_a, tp.pair_ann_b, tp.pair_user_a, tp.pair_user_b, tp.pair_score)
                   AS x(aa, ab, ua, ub, s)
          WHERE tp.project_id = :p {only:tp} AND tp.ground_truth IN (x.aa, x.ab) AND x.ua <> x.ub
          GROUP BY 2
          UNION ALL
          SELECT :p,
                 CASE WHEN tp.pair_ann_a[x.k] = tp.ground_truth
                      THEN tp.pair_user_b[x.k] ELSE tp.pair_user_a[x.k] END,
                 true, x.label, coalesce(sum(x.s), 0), count(x.s), count(*)
          FROM agreement.task_pair_scores tp,
               unnest(tp.label_pair, tp.label_name, tp.label_score) AS x(k, label, s)
          WHERE tp.project_id = :p {only:tp}
            AND tp.ground_truth IN (tp.pair_ann_a[x.k], tp.pair_ann_b[x.k])
            AND tp.pair_user_a[x.k] <> tp.pair_user_b[x.k]
          GROUP BY 2, 4
          """,
          "members = 0");

  private static final Sum CONFUSION =
      new Sum(
          "project_confusion",
          List.of("project_id", "control_tag", "mode", "actual", "predicted"),
          List.of("count"),
          """
          SELECT :p, x.tag, x.mode, x.actual, x.predicted, sum(x.n)
          FROM agreement.task_pair_scores tp,
               unnest(tp.confusion_tag, tp.confusion_mode, tp.confusion_actual,
                      tp.confusion_predicted, tp.confusion_count) AS x(tag, mode, actual, predicted, n)
          WHERE tp.project_id = :p {only:tp}
          GROUP BY 2, 3, 4, 5
          """,
          "count = 0");

  /**
   * Each side of each pair of different users with its overall and tag scores; {@code :tags} the
   * project's tags in config order (their position in task_pair_scores.tag_scores).
   */
  private static final String SIDES =
      """
      WITH pairs AS (
        SELECT x.ua, x.ub, x.s, x.k, tp.tag_count, tp.tag_scores
        FROM agreement.task_pair_scores tp,
             unnest(tp.pair_user_a, tp.pair_user_b, tp.pair_score) WITH ORDINALITY AS x(ua, ub, s, k)
        WHERE tp.project_id = :p {only:tp} AND x.ua <> x.ub
      ), sides AS (
        SELECT ua AS u, s, k, tag_count, tag_scores FROM pairs
        UNION ALL
        SELECT ub, s, k, tag_count, tag_scores FROM pairs
      )
      """;

  /** After the per-tag sums, which tell which annotators still have pairs. */
  private static final Sum ANNOTATOR_TAGS =
      new Sum(
          "annotator_tag_agreement",
          List.of("project_id", "user_id", "control_tag"),
          List.of("score_sum", "pairs"),
          SIDES
              + """
              SELECT :p, sides.u, pt.control_tag,
                     sum(sides.tag_scores[(sides.k - 1) * sides.tag_count + pt.n]), count(*)
              FROM sides, unnest(CAST(:tags AS text[])) WITH ORDINALITY AS pt(control_tag, n)
              GROUP BY sides.u, pt.control_tag
              """,
          "pairs = 0");

  private static final Sum ANNOTATORS =
      new Sum(
          "annotator_agreement",
          List.of("project_id", "user_id"),
          List.of("score_sum", "pairs"),
          SIDES + "SELECT :p, u, coalesce(sum(s), 0), count(s) FROM sides GROUP BY u",
          """
          pairs = 0 AND NOT EXISTS (SELECT 1 FROM agreement.annotator_tag_agreement x
              WHERE x.project_id = s.project_id AND x.user_id = s.user_id AND x.pairs > 0)
          """);

  /** The read API's sums a backfill recomputes; its annotator sums it writes itself. */
  private static final List<Sum> READ_API =
      List.of(ANNOTATOR_PAIRS, LABEL_PAIRS, GROUND_TRUTH, CONFUSION);

  /** What a refresh updates, in order. */
  private static final List<Sum> ALL =
      List.of(ANNOTATOR_PAIRS, LABEL_PAIRS, GROUND_TRUTH, CONFUSION, ANNOTATOR_TAGS, ANNOTATORS);

  /** Buckets [0, 0.1) ... [0.9, 1.0]; a score a rounding error below a bound is on it. */
  private static final String DISTRIBUTION =
      """
      WITH scored AS (
        SELECT agreement FROM agreement.task_agreement
        WHERE project_id = :p AND agreement IS NOT NULL
      ), buckets AS (
        SELECT least(floor(agreement * 10 + 1e-9)::int, 9) AS bucket, count(*) AS n
        FROM scored GROUP BY 1
      )
      INSERT INTO agreement.project_distribution
          (project_id, histogram, total_tasks, score_sum, low_agreement_count)
      SELECT :p,
             ARRAY(SELECT coalesce(b.n, 0) FROM generate_series(0, 9) AS g(i)
                   LEFT JOIN buckets b ON b.bucket = g.i ORDER BY g.i),
             (SELECT count(*) FROM scored),
             (SELECT coalesce(sum(agreement), 0) FROM scored),
             (SELECT count(*) FROM scored WHERE agreement < agreement.agreement_threshold(:p) - 1e-9)
      """;

  private PairAggregates() {}

  /**
   * The read API's sums over the whole project by SQL, into tables emptied for it: what a
   * backfill's {@link PairSums} add up without reading the rows back, and a refresh's deltas sum
   * to.
   */
  static void recompute(Connection connection, long projectId) throws SQLException {
    for (Sum sum : READ_API) {
      execute(
          connection,
          "INSERT INTO agreement." + sum.table() + " (" + sum.columns() + ") " + sum.select(),
          projectId,
          "",
          null);
    }
    distribution(connection, projectId);
  }

  /** The project's distribution of task scores, into a table emptied for it. */
  static void distribution(Connection connection, long projectId) throws SQLException {
    execute(connection, DISTRIBUTION, projectId, "", null);
  }

  /**
   * Starts a refresh's update of every sum for some tasks, before their rows are replaced: their
   * old contribution is set aside.
   *
   * @param tags the project's tag names in config order
   */
  public static Delta delta(Connection connection, long projectId, long[] taskIds, String[] tags)
      throws SQLException {
    Delta delta = new Delta(connection, projectId, taskIds, PgArrays.of(tags));
    delta.collect(-1);
    return delta;
  }

  /** A refresh's update of the sums by the difference its tasks make; see {@link #delta}. */
  public static final class Delta {
    private final Connection connection;
    private final long projectId;
    private final String only;
    private final String tags;
    private final ScoreDistribution distribution = ScoreDistribution.keepingScores();

    private Delta(Connection connection, long projectId, long[] taskIds, String tags)
        throws SQLException {
      this.connection = connection;
      this.projectId = projectId;
      this.only = PgArrays.of(taskIds);
      this.tags = tags;
      try (Statement s = connection.createStatement()) {
        for (Sum sum : ALL) {
          s.execute(
              "CREATE TEMP TABLE IF NOT EXISTS delta_"
                  + sum.table()
                  + " (LIKE agreement."
                  + sum.table()
                  + ") ON COMMIT DELETE ROWS");
          s.execute("TRUNCATE delta_" + sum.table());
        }
      }
    }

    /** After the tasks' new rows are written: adds their contribution and updates every sum. */
    public void apply() throws SQLException {
      collect(1);
      for (Sum sum : ALL) {
        String sums =
            sum.additive().stream().map(c -> "sum(" + c + ")").collect(Collectors.joining(", "));
        String add =
            sum.additive().stream()
                .map(c -> c + " = s." + c + " + excluded." + c)
                .collect(Collectors.joining(", "));
        String keys = String.join(", ", sum.keys());
        execute(
            "INSERT INTO agreement."
                + sum.table()
                + " AS s ("
                + sum.columns()
                + ") SELECT "
                + keys
                + ", "
                + sums
                + " FROM delta_"
                + sum.table()
                + " GROUP BY "
                + keys
                + " ON CONFLICT ("
                + keys
                + ") DO UPDATE SET "
                + add);
        execute(
            "DELETE FROM agreement."
                + sum.table()
                + " s WHERE s.project_id = :p AND ("
                + sum.empty()
                + ")");
      }
      distribution.apply(connection, projectId);
    }

    /** The tasks' current contribution, with this sign. */
    private void collect(int sign) throws SQLException {
      for (Sum sum : ALL) {
        String negate =
            sum.additive().stream().map(c -> c + " = -" + c).collect(Collectors.joining(", "));
        execute("INSERT INTO delta_" + sum.table() + " (" + sum.columns() + ") " + sum.select());
        if (sign < 0) {
          execute("UPDATE delta_" + sum.table() + " SET " + negate);
        }
      }
      distribution.collect(connection, projectId, only, sign);
    }

    private void execute(String sql) throws SQLException {
      PairAggregates.execute(connection, sql, projectId, only, tags);
    }
  }

  private static final Pattern ONLY = Pattern.compile("\\{only:(\\w+)}");
  private static final Pattern PARAMETER = Pattern.compile(":(p|only|tags)\\b");

  /** Runs a statement with {@code :p}, {@code {only:alias}} and {@code :tags} filled in. */
  private static void execute(
      Connection connection, String sql, long projectId, String only, String tags)
      throws SQLException {
    String text =
        ONLY.matcher(sql)
            .replaceAll(
                m ->
                    only.isEmpty()
                        ? ""
                        : "AND " + m.group(1) + ".task_id = ANY(CAST(:only AS integer[]))");
    List<String> order = new ArrayList<>();
    StringBuilder jdbc = new StringBuilder();
    Matcher m = PARAMETER.matcher(text);
    int last = 0;
    while (m.find()) {
      jdbc.append(text, last, m.start()).append('?');
      order.add(m.group(1));
      last = m.end();
    }
    jdbc.append(text.substring(last));
    try (PreparedStatement ps = connection.prepareStatement(jdbc.toString())) {
      for (int i = 0; i < order.size(); i++) {
        switch (order.get(i)) {
          case "p" -> ps.setLong(i + 1, projectId);
          case "only" -> ps.setString(i + 1, only);
          default -> ps.setString(i + 1, tags);
        }
      }
      ps.executeUpdate();
    }
  }
}
