package io.agreement.api.results;

import io.agreement.api.results.ProjectAgreement.TagAgreement;
import io.agreement.api.results.ProjectAgreement.TagStatistics;
import io.agreement.api.web.Columns;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The project-level result tables the worker writes in one transaction per backfill. */
final class SummaryRepository {

  /** A project's results: its last completed backfill (none yet: null) and last refresh. */
  record Run(
      @Nullable Long jobId,
      String methodology,
      Double agreement,
      int tasksScored,
      Instant computedAt,
      boolean stale,
      @Nullable Instant refreshedAt) {}

  record AnnotatorRow(long userId, String email, double scoreSum, long pairs) {}

  record AnnotatorTagRow(long userId, String controlTag, double scoreSum, long pairs) {}

  private final JdbcClient jdbc;

  SummaryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Run> run(long projectId) {
    return jdbc.sql(
            """
            SELECT job_id, methodology, agreement, tasks_scored, computed_at, stale, refreshed_at
            FROM agreement.project_agreement WHERE project_id = :p
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new Run(
                    rs.getObject(1, Long.class),
                    rs.getString(2),
                    Scores.score(rs, 3),
                    rs.getInt(4),
                    Columns.instant(rs, 5),
                    rs.getBoolean(6),
                    Columns.instant(rs, 7)))
        .optional();
  }

  /**
   * The project's changes not yet refreshed: tasks marked dirty, and deleted annotations whose
   * tasks the refresh is still to find.
   */
  long pendingChanges(long projectId) {
    return jdbc.sql(
            "SELECT (SELECT count(*) FROM agreement.dirty_task WHERE project_id = :p)"
                + " + (SELECT count(*) FROM agreement.deleted_annotation WHERE project_id = :p)")
        .param("p", projectId)
        .query(Long.class)
        .single();
  }

  /** Config order, as the worker numbered them. */
  List<TagAgreement> tags(long projectId, String methodology) {
    return jdbc.sql(
            """
            SELECT control_tag, tag_type, metric, threshold, weight, agreement, tasks_scored,
                   krippendorff_alpha, alpha_level
            FROM agreement.project_tag_agreement WHERE project_id = :p ORDER BY position
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new TagAgreement(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    methodology,
                    rs.getDouble(4),
                    rs.getDouble(5),
                    Scores.score(rs, 6),
                    rs.getInt(7),
                    Scores.score(rs, 8),
                    rs.getString(9)))
        .list();
  }

  /** In config order, from the rows the worker writes for GET agreement/statistics/. */
  Map<String, TagStatistics> statistics(long projectId) {
    Map<String, TagStatistics> byTag = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT control_tag,
                   (statistics -> 'percent_agreement' ->> 'value')::float8,
                   (statistics -> 'krippendorff_alpha' ->> 'value')::float8,
                   (statistics -> 'fleiss_kappa' ->> 'value')::float8,
                   (statistics -> 'gwet_ac1' ->> 'value')::float8
            FROM agreement.tag_statistics WHERE project_id = :p ORDER BY position
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                Map.entry(
                    rs.getString(1),
                    new TagStatistics(
                        Scores.score(rs, 2),
                        Scores.score(rs, 3),
                        Scores.score(rs, 4),
                        Scores.score(rs, 5))))
        .list()
        .forEach(tag -> byTag.put(tag.getKey(), tag.getValue()));
    return byTag;
  }

  List<AnnotatorRow> annotators(long projectId) {
    return jdbc.sql(
            """
            SELECT a.user_id, u.email, a.score_sum, a.pairs
            FROM agreement.annotator_agreement a LEFT JOIN htx_user u ON u.id = a.user_id
            WHERE a.project_id = :p ORDER BY a.user_id
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new AnnotatorRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getLong(4)))
        .list();
  }

  /** By user, then in config order. */
  List<AnnotatorTagRow> annotatorTags(long projectId) {
    return jdbc.sql(
            """
            SELECT a.user_id, a.control_tag, a.score_sum, a.pairs
            FROM agreement.annotator_tag_agreement a
            LEFT JOIN agreement.project_tag_agreement t
                   ON t.project_id = a.project_id AND t.control_tag = a.control_tag
            WHERE a.project_id = :p ORDER BY a.user_id, t.position, a.control_tag
            """)
        .param("p", projectId)
        .query(
            (rs, n) ->
                new AnnotatorTagRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getLong(4)))
        .list();
  }
}
