package io.agreement.worker.job;

import io.agreement.common.labelstudio.LabelStudioProjects;
import io.agreement.common.settings.StoredSettings;
import io.agreement.engine.AlphaDistances;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.InvalidSettingsException;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.LabelStudioWeights;
import io.agreement.engine.Methodology;
import io.agreement.engine.ProjectScorer;
import io.agreement.engine.TagSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Builds a job's scorer from the project's label config and its stored agreement settings. */
public final class ScorerFactory {

  public record Scorer(ProjectScorer scorer, Methodology methodology) {}

  private static final Logger log = LoggerFactory.getLogger(ScorerFactory.class);

  public Scorer load(Connection c, long projectId) throws SQLException {
    JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
    LabelStudioProjects.Project project =
        new LabelStudioProjects(jdbc)
            .live(projectId)
            .orElseThrow(
                () -> new PermanentJobException("Project " + projectId + " no longer exists"));
    LabelConfig config;
    try {
      config = LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      throw new PermanentJobException("Invalid label config: " + e.getMessage());
    }
    StoredSettings stored = new StoredSettings(jdbc);
    Methodology methodology = stored.methodology(projectId);
    Map<String, TagSettings> settings =
        tagSettings(
            stored.tags(projectId), config, LabelStudioWeights.parse(project.controlWeights()));
    return new Scorer(new ProjectScorer(config, methodology, settings), methodology);
  }

  /**
   * Every tag's settings: its stored overrides over its defaults, Label Studio's weight included.
   */
  private static Map<String, TagSettings> tagSettings(
      Map<String, StoredSettings.TagRow> stored, LabelConfig config, Map<String, Double> weights) {
    Map<String, TagSettings> settings = new HashMap<>();
    for (ControlTag tag : config.controlTags()) {
      TagSettings defaults = TagSettings.defaultsFor(tag, weights);
      StoredSettings.TagRow row = stored.get(tag.name());
      settings.put(tag.name(), row == null ? defaults : override(tag, defaults, row));
    }
    return settings;
  }

  private static TagSettings override(
      ControlTag tag, TagSettings defaults, StoredSettings.TagRow row) {
    try {
      return defaults.withOverrides(
          tag,
          row.metric(),
          row.threshold(),
          row.weight(),
          row.excludedLabels(),
          TagSettings.applicableAlphaLevel(tag, row.alphaLevel()),
          AlphaDistances.applicable(tag, row.alphaDistance()));
    } catch (InvalidSettingsException e) {
      log.warn("Ignoring invalid stored settings of tag {}: {}", tag.name(), e.getMessage());
      return defaults;
    }
  }
}
