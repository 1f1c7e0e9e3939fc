package io.agreement.api.results;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  ResultsFixture task(long taskId, Double agreement, int annotations, String matrixJson) {
    jdbc.sql(
            """
            INSERT INTO agreement.task_agreement (task_id, project_id, agreement, annotations, matrix, computed_at)
            VALUES (:t, :p, :a, :n, CAST(:m AS jsonb), :at)
            """)
        .param("t", taskId)
        .param("p", projectId)
        .param("a", agreement)
        .param("n", annotations)
        .param("m", matrixJson)
        .param("at", Timestamp.from(COMPUTED_AT))
        .update();
    return this;
  }

  ResultsFixture taskTag(long taskId, String tag, double score, int annotations) {
    jdbc.sql(
            """
            INSERT INTO agreement.task_tag_agreement (task_id, control_tag, project_id, score, annotations,
                computed_at)
            VALUES (:t, :tag, :p, :s, :n, :at)
            """)
        .param("t", taskId)
        .param("tag", tag)
        .param("p", projectId)
        .param("s", score)
        .param("n", annotations)
        .param("at", Timestamp.from(COMPUTED_AT))
        .update();
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
