package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioProjects;
import io.agreement.engine.AlphaDistances;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.InvalidSettingsException;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.LabelStudioWeights;
import io.agreement.engine.Methodology;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.TagSettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Builds a job's scorer from the project's label config and its stored agreement settings. */
final class ScorerFactory {

  record Scorer(ProjectScorer scorer, Methodology methodology) {}

  private static final Logger log = LoggerFactory.getLogger(ScorerFactory.class);

  Scorer load(Connection c, long projectId) throws SQLException {
    LabelStudioProjects.Project project =
        new LabelStudioProjects(JdbcClient.create(new SingleConnectionDataSource(c, true)))
            .live(projectId)
            .orElseThrow(
                () -> new PermanentJobException("Project " + projectId + " no longer exists"));
    LabelConfig config;
    try {
      config = LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      throw new PermanentJobException("Invalid label config: " + e.getMessage());
    }
    Methodology methodology = methodology(c, projectId);
    Map<String, TagSettings> settings =
        tagSettings(c, projectId, config, LabelStudioWeights.parse(project.controlWeights()));
    return new Scorer(new ProjectScorer(config, methodology, settings), methodology);
  }

  private static Methodology methodology(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT methodology FROM agreement.project_settings WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Methodology.fromApiName(rs.getString(1)).orElse(Methodology.CONSENSUS)
            : Methodology.CONSENSUS;
      }
    }
  }

  /**
   * Every tag's settings: its stored overrides over its defaults, Label Studio's weight included.
   */
  private static Map<String, TagSettings> tagSettings(
      Connection c, long projectId, LabelConfig config, Map<String, Double> weights)
      throws SQLException {
    Map<String, TagSettings> settings = new HashMap<>();
    for (ControlTag tag : config.controlTags()) {
      settings.put(tag.name(), TagSettings.defaultsFor(tag, weights));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        SELECT control_tag, metric, threshold, weight,
               CASE WHEN jsonb_typeof(excluded_labels) = 'array'
                    THEN ARRAY(SELECT jsonb_array_elements_text(excluded_labels)) END,
               alpha_level, alpha_distance
        FROM agreement.tag_settings WHERE project_id = ?
        """)) {
      ps.setLong(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Optional<ControlTag> tag = config.controlTag(rs.getString(1));
          tag.ifPresent(t -> settings.put(t.name(), override(t, settings.get(t.name()), rs)));
        }
      }
    }
    return settings;
  }

  private static TagSettings override(ControlTag tag, TagSettings defaults, ResultSet rs) {
    try {
      return defaults.withOverrides(
          tag,
          rs.getString(2),
          (Double) rs.getObject(3),
          (Double) rs.getObject(4),
          excluded(rs.getArray(5)),
          TagSettings.applicableAlphaLevel(tag, rs.getString(6)),
          AlphaDistances.applicable(tag, rs.getString(7)));
    } catch (InvalidSettingsException | SQLException e) {
      log.warn("Ignoring invalid stored settings of tag {}: {}", tag.name(), e.getMessage());
      return defaults;
    }
  }

  private static List<String> excluded(Array array) throws SQLException {
    return array == null ? null : Arrays.asList((String[]) array.getArray());
  }
}
