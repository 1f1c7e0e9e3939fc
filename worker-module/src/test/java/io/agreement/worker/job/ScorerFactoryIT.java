package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.engine.KrippendorffAlpha.Level;
import io.agreement.engine.Metric;
import io.agreement.engine.TagSettings;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.SourceRows;
import io.agreement.testsupport.TestServices;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The settings a job scores with, read from a real database as the worker reads them. */
class ScorerFactoryIT {

  /** Choices filled from the task's data: no choices listed, so no ordinal alpha. */
  private static final String DYNAMIC_CHOICES =
      "<View><Text name=\"text\" value=\"$text\"/>"
          + "<Choices name=\"topic\" toName=\"text\" value=\"$topics\"/></View>";

  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    dataSource = Migrations.migratedPool(TestServices.isolatedEnvironment(), 2);
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  private static long project(String config) {
    return SourceRows.write(dataSource, r -> r.project(null, "p", config, null));
  }

  private static void store(long project, String metric, double weight, String alphaLevel) {
    jdbc.sql(
            """
            INSERT INTO agreement.tag_settings (project_id, control_tag, metric, weight, alpha_level)
            VALUES (:p, 'topic', :m, :w, :a)
            """)
        .param("p", project)
        .param("m", metric)
        .param("w", weight)
        .param("a", alphaLevel)
        .update();
  }

  private static TagSettings loaded(long project) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      return new ScorerFactory().load(c, project).scorer().tags().get(0).settings();
    }
  }

  @Test
  void label_studios_control_weights_give_the_default_weight_and_stored_settings_win()
      throws Exception {
    long project = project(DYNAMIC_CHOICES);
    jdbc.sql("UPDATE project SET control_weights = CAST(:w AS jsonb) WHERE id = :p")
        .param("w", "{\"topic\": {\"type\": \"Choices\", \"overall\": 0.25}}")
        .param("p", project)
        .update();

    assertThat(loaded(project).weight()).isEqualTo(0.25);

    jdbc.sql(
            "INSERT INTO agreement.tag_settings (project_id, control_tag, threshold) VALUES (:p, 'topic', 0.9)")
        .param("p", project)
        .update();
    assertThat(loaded(project))
        .as("an override of another field keeps Label Studio's weight")
        .isEqualTo(new TagSettings(Metric.EXACT_MATCH, 0.9, 0.25, Set.of(), Level.NOMINAL));

    jdbc.sql("UPDATE agreement.tag_settings SET weight = 3 WHERE project_id = :p")
        .param("p", project)
        .update();
    assertThat(loaded(project).weight()).isEqualTo(3);
  }

  @Test
  void an_alpha_level_the_tag_can_no_longer_have_falls_back_alone() throws Exception {
    long project = project(DYNAMIC_CHOICES);
    store(project, "jaccard", 3, "ordinal");

    assertThat(loaded(project))
        .isEqualTo(new TagSettings(Metric.JACCARD, 0.5, 3, Set.of(), Level.NOMINAL));
  }

  @Test
  void a_stored_metric_the_tag_can_no_longer_have_drops_the_whole_row() throws Exception {
    long project = project(DYNAMIC_CHOICES);
    store(project, "iou", 3, "nominal");

    assertThat(loaded(project))
        .isEqualTo(new TagSettings(Metric.EXACT_MATCH, 0.5, 1, Set.of(), Level.NOMINAL));
  }
}
