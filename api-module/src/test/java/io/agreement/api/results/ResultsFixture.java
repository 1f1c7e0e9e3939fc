package io.agreement.api.results;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes result rows the way the worker does, so the read API can be tested without one. */
final class ResultsFixture {

  static final Instant COMPUTED_AT = Instant.parse("2024-05-01T12:00:00Z");

  private final JdbcClient jdbc;
  private final long projectId;

  ResultsFixture(JdbcClient jdbc, long projectId) {
    this.jdbc = jdbc;
    this.projectId = projectId;
  }

  ResultsFixture project(long jobId, String methodology, Double agreement, int tasksScored) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_agreement
                (project_id, job_id, methodology, agreement, tasks_scored, computed_at, stale)
            VALUES (:p, :job, :m, :a, :n, :at, false)
            """)
        .param("p", projectId)
        .param("job", jobId)
        .param("m", methodology)
        .param("a", agreement)
        .param("n", tasksScored)
        .param("at", Timestamp.from(COMPUTED_AT))
        .update();
    return this;
  }

  ResultsFixture tag(
      int position,
      String name,
      String type,
      String metric,
      double weight,
      Double agreement,
      int tasksScored,
      Double alpha,
      String alphaLevel) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_tag_agreement (project_id, control_tag, tag_type, metric,
                threshold, weight, agreement, tasks_scored, krippendorff_alpha, alpha_level, position)
            VALUES (:p, :tag, :type, :metric, 0.5, :w, :a, :n, :alpha, :level, :pos)
            """)
        .param("p", projectId)
        .param("tag", name)
        .param("type", type)
        .param("metric", metric)
        .param("w", weight)
        .param("a", agreement)
        .param("n", tasksScored)
        .param("alpha", alpha)
        .param("level", alphaLevel)
        .param("pos", position)
        .update();
    return this;
  }

  /**
   * A scored task; its matrix ({@code annotation_ids}, {@code user_ids}, {@code scores}), when not
   * null, is stored as the worker stores it: as the pairs of the task's pair row.
   */
  ResultsFixture task(long taskId, Double agreement, int annotations, String matrixJson) {
    jdbc.sql(
            """
            INSERT INTO agreement.task_agreement (task_id, project_id, agreement, annotations, computed_at)
            VALUES (:t, :p, :a, :n, :at)
            """)
        .param("t", taskId)
        .param("p", projectId)
        .param("a", agreement)
        .param("n", annotations)
        .param("at", Timestamp.from(COMPUTED_AT))
        .update();
    if (matrixJson != null) {
      pairRow(taskId, JsonMapper.builder().build().readTree(matrixJson));
    }
    return this;
  }

  private void pairRow(long taskId, JsonNode matrix) {
    List<Integer> annotationA = new ArrayList<>();
    List<Integer> annotationB = new ArrayList<>();
    List<Integer> userA = new ArrayList<>();
    List<Integer> userB = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    JsonNode ids = matrix.get("annotation_ids");
    JsonNode users = matrix.get("user_ids");
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        annotationA.add(ids.get(i).asInt());
        annotationB.add(ids.get(j).asInt());
        userA.add(users.get(i).asInt());
        userB.add(users.get(j).asInt());
        JsonNode score = matrix.get("scores").get(i).get(j);
        scores.add(score.isNull() ? null : score.asDouble());
      }
    }
    List<Integer> userIds = new ArrayList<>();
    users.forEach(u -> userIds.add(u.asInt()));
    jdbc.sql(
            """
            INSERT INTO agreement.task_pair_scores (task_id, project_id, user_ids, pair_ann_a,
                pair_ann_b, pair_user_a, pair_user_b, pair_score, tag_count, tag_scores,
                label_pair, label_name, label_score)
            VALUES (:t, :p, CAST(:users AS integer[]), CAST(:a AS integer[]), CAST(:b AS integer[]),
                CAST(:ua AS integer[]), CAST(:ub AS integer[]), CAST(:s AS double precision[]), 0,
                '{}', '{}', '{}', '{}')
            """)
        .param("t", taskId)
        .param("p", projectId)
        .param("users", literal(userIds))
        .param("a", literal(annotationA))
        .param("b", literal(annotationB))
        .param("ua", literal(userA))
        .param("ub", literal(userB))
        .param("s", literal(scores))
        .update();
  }

  private static String literal(List<?> values) {
    return values.stream()
        .map(v -> v == null ? "NULL" : v.toString())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** A task's score for a tag, at the tag's position (its {@link #tag} comes first). */
  ResultsFixture taskTag(long taskId, String tag, double score, int annotations) {
    int updated =
        jdbc.sql(
                """
                UPDATE agreement.task_agreement ta SET tag_scores[pt.position + 1] = :s
                FROM agreement.project_tag_agreement pt
                WHERE ta.task_id = :t AND ta.annotations = :n
                  AND pt.project_id = ta.project_id AND pt.control_tag = :tag
                """)
            .param("t", taskId)
            .param("tag", tag)
            .param("s", score)
            .param("n", annotations)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("task " + taskId + " or tag " + tag + " is not stored yet");
    }
    return this;
  }

  ResultsFixture annotator(long userId, double scoreSum, long pairs) {
    jdbc.sql(
            """
            INSERT INTO agreement.annotator_agreement (project_id, user_id, score_sum, pairs)
            VALUES (:p, :u, :s, :n)
            """)
        .param("p", projectId)
        .param("u", userId)
        .param("s", scoreSum)
        .param("n", pairs)
        .update();
    return this;
  }

  ResultsFixture annotatorTag(long userId, String tag, double scoreSum, long pairs) {
    jdbc.sql(
            """
            INSERT INTO agreement.annotator_tag_agreement (project_id, user_id, control_tag, score_sum, pairs)
            VALUES (:p, :u, :tag, :s, :n)
            """)
        .param("p", projectId)
        .param("u", userId)
        .param("tag", tag)
        .param("s", scoreSum)
        .param("n", pairs)
        .update();
    return this;
  }
}
