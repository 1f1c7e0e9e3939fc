package io.agreement.api.settings;

import io.agreement.common.settings.StoredSettings;
import io.agreement.engine.Methodology;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** agreement.project_settings and agreement.tag_settings, read the way the worker reads them. */
final class SettingsRepository {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final StoredSettings stored;

  SettingsRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.stored = new StoredSettings(jdbc);
  }

  /**
   * Serializes settings changes of one project with each other and with the worker's final write of
   * its results (the V3 migration's trigger takes the same lock).
   */
  void lock(long projectId) {
    jdbc.sql("SELECT true FROM pg_advisory_xact_lock(7002, CAST(:p AS integer))")
        .param("p", projectId)
        .query(Boolean.class)
        .single();
  }

  Methodology methodology(long projectId) {
    return stored.methodology(projectId);
  }

  double agreementThreshold(long projectId) {
    return jdbc.sql("SELECT agreement.agreement_threshold(:p)")
        .param("p", projectId)
        .query(Double.class)
        .single();
  }

  /**
   * Stores the threshold and recounts the project's low-agreement tasks under it, so that the
   * distribution stays a read of stored rows.
   */
  void saveAgreementThreshold(long projectId, double threshold) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_settings (project_id, agreement_threshold, updated_at)
            VALUES (:p, :t, now())
            ON CONFLICT (project_id) DO UPDATE SET agreement_threshold = excluded.agreement_threshold,
                updated_at = excluded.updated_at
            """)
        .param("p", projectId)
        .param("t", threshold)
        .update();
    jdbc.sql(
            """
            UPDATE agreement.project_distribution SET low_agreement_count = (
              SELECT count(*) FROM agreement.task_agreement
              WHERE project_id = :p AND agreement < :t - 1e-9)
            WHERE project_id = :p
            """)
        .param("p", projectId)
        .param("t", threshold)
        .update();
  }

  Map<String, TagOverrides> overrides(long projectId) {
    Map<String, TagOverrides> overrides = new HashMap<>();
    stored.tags(projectId).forEach((tag, row) -> overrides.put(tag, TagOverrides.of(row)));
    return overrides;
  }

  void saveOverrides(long projectId, String tag, TagOverrides o) {
    jdbc.sql(
            """
            INSERT INTO agreement.tag_settings
                (project_id, control_tag, metric, threshold, weight, excluded_labels, alpha_level,
                 alpha_distance, updated_at)
            VALUES (:p, :tag, :metric, :threshold, :weight, CAST(:labels AS jsonb), :alpha,
                    :distance, now())
            ON CONFLICT (project_id, control_tag) DO UPDATE SET metric = excluded.metric,
                threshold = excluded.threshold, weight = excluded.weight,
                excluded_labels = excluded.excluded_labels, alpha_level = excluded.alpha_level,
                alpha_distance = excluded.alpha_distance, updated_at = excluded.updated_at
            """)
        .param("p", projectId)
        .param("tag", tag)
        .param("metric", o.metric())
        .param("threshold", o.threshold())
        .param("weight", o.weight())
        .param(
            "labels",
            o.excludedLabels() == null ? null : json.writeValueAsString(o.excludedLabels()))
        .param("alpha", o.alphaLevel())
        .param("distance", o.alphaDistance())
        .update();
  }

  void saveMethodology(long projectId, Methodology methodology) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_settings (project_id, methodology, updated_at)
            VALUES (:p, :m, now())
            ON CONFLICT (project_id) DO UPDATE SET methodology = excluded.methodology,
                updated_at = excluded.updated_at
            """)
        .param("p", projectId)
        .param("m", methodology.apiName())
        .update();
  }

  /**
   * Makes the project's results stale and eligible for the next backfill, and moves the settings
   * version on so that a job already running with the old settings cannot clear that flag.
   *
   * @return whether the project had results to mark
   */
  boolean recordChange(long projectId) {
    jdbc.sql(
            """
            INSERT INTO agreement.project_settings (project_id, version, updated_at) VALUES (:p, 1, now())
            ON CONFLICT (project_id) DO UPDATE SET version = project_settings.version + 1,
                updated_at = excluded.updated_at
            """)
        .param("p", projectId)
        .update();
    return jdbc.sql("UPDATE agreement.project_agreement SET stale = true WHERE project_id = :p")
            .param("p", projectId)
            .update()
        == 1;
  }
}
