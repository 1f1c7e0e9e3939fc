package io.agreement.worker.job;

import io.agreement.engine.ProjectStatistics;
import io.agreement.engine.stats.TagStatistics;
import io.agreement.engine.stats.TagStatistics.Interval;
import io.agreement.engine.stats.TagStatistics.KappaMatrix;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces a project's reliability statistics inside the job's write transaction: one row per tag
 * holding the tag's part of the statistics answer (SPEC 4.7), annotators by id only. The time is
 * the other result rows' own, truncated to PostgreSQL's microseconds as they are.
 */
public final class StatisticsWriter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private StatisticsWriter() {}

  public static void replace(
      Connection connection,
      long projectId,
      Instant computedAt,
      List<ProjectStatistics.TagResult> tags)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM agreement.tag_statistics WHERE project_id = ?")) {
      delete.setLong(1, projectId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO agreement.tag_statistics
                (project_id, control_tag, position, statistics, computed_at)
            VALUES (?, ?, ?, ?::jsonb, ?)
            """)) {
      for (int i = 0; i < tags.size(); i++) {
        ProjectStatistics.TagResult tag = tags.get(i);
        insert.setLong(1, projectId);
        insert.setString(2, tag.tag().name());
        insert.setInt(3, i);
        insert.setString(4, JSON.writeValueAsString(json(tag)));
        insert.setTimestamp(5, Timestamp.from(computedAt.truncatedTo(ChronoUnit.MICROS)));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  static Map<String, Object> json(ProjectStatistics.TagResult tag) {
    TagStatistics s = tag.statistics();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", tag.tag().name());
    out.put("type", tag.tag().type());
    out.put("n_units", s.units());
    out.put("n_raters", s.raters());
    out.put("percent_agreement", estimate(s.percentAgreement(), false));
    Map<String, Object> alpha = new LinkedHashMap<>();
    alpha.put("value", s.krippendorffAlpha().value());
    alpha.put("level", s.krippendorffAlpha().level());
    alpha.put("distance", s.krippendorffAlpha().distance());
    alpha.put("n_pairable_values", s.krippendorffAlpha().pairableValues());
    alpha.put("ci95", interval(s.krippendorffAlpha().ci()));
    out.put("krippendorff_alpha", alpha);
    out.put("fleiss_kappa", estimate(s.fleissKappa(), true));
    Map<String, Object> gwet = estimate(s.gwet(), true);
    gwet.put("coefficient", s.gwetName());
    out.put("gwet_ac1", gwet);
    out.put("cohen_kappa", matrix(s.cohenKappa()));
    out.put("cohen_kappa_linear", matrix(s.cohenKappaLinear()));
    out.put("cohen_kappa_quadratic", matrix(s.cohenKappaQuadratic()));
    out.put("diagnostics", s.diagnostics().stream().map(StatisticsWriter::diagnostic).toList());
    return out;
  }

  private static Map<String, Object> estimate(TagStatistics.Estimate e, boolean withError) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("value", e.value());
    if (withError) {
      out.put("se", e.se());
    }
    out.put("ci95", interval(e.ci()));
    return out;
  }

  private static double[] interval(Interval ci) {
    return ci == null ? null : new double[] {ci.low(), ci.high()};
  }

  private static Map<String, Object> matrix(KappaMatrix m) {
    if (m == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("users", m.userIds().stream().map(id -> Map.of("id", id)).toList());
    out.put("matrix", m.matrix());
    out.put("common_tasks", m.commonTasks());
    return out;
  }

  private static Map<String, Object> diagnostic(TagStatistics.Diagnostic d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", d.code());
    out.put("message", d.message());
    if (d.userId() != null) {
      out.put("user_id", d.userId());
    }
    return out;
  }
}
