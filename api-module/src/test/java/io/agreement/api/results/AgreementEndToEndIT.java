package io.agreement.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.testsupport.ReliabilityData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A hand-built project backfilled by a real worker and read back through the API, against scores
 * worked out by hand from SPEC 4.2 to 4.6. Three annotators (U1 < U2 < U3), a Choices tag of weight
 * 1 and a Rating tag of weight 2, so a task's overall score is (sentiment + 2 quality) / 3:
 *
 * <pre>
 *        sentiment (U1, U2, U3)        quality (U1, U2, U3)
 *   T1   Positive Positive Negative    4 4 5
 *   T2   Positive Negative Neutral     3 5 3
 *   T3   Positive Positive Positive    1 2 4
 *   T4   Positive (cancelled) Positive 2 (cancelled) 5   -> two counted annotations
 *   T5   -        Positive -           - 3 -             -> one annotation, never scored
 * </pre>
 */
class AgreementEndToEndIT extends IntegrationTest {

  private static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text">
          <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>
        </Choices>
        <Rating name="quality" toName="text" maxRating="5"/>
      </View>""";

  /** The tone scale of Hayes and Krippendorff (2007), 0 to 3, in config order. */
  private static final String[] TONES = {
    "sure loser", "somewhat competitive", "competitive", "likely winner"
  };

  private static final String TONE_CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Number name="score" toName="text" min="0" max="3"/>
        <Choices name="verdict" toName="text">
          <Choice value="sure loser"/><Choice value="somewhat competitive"/>
          <Choice value="competitive"/><Choice value="likely winner"/>
        </Choices>
      </View>""";

  private static final String[][] SENTIMENT = {
    {"Positive", "Positive", "Negative"},
    {"Positive", "Negative", "Neutral"},
    {"Positive", "Positive", "Positive"},
    {"Positive", "Negative", "Positive"}
  };
  private static final int[][] QUALITY = {{4, 4, 5}, {3, 5, 3}, {1, 2, 4}, {2, 1, 5}};

  /** Per task T1..T4: overall, sentiment, quality. */
  private static final double[][] CONSENSUS = {
    {8 / 9., 2 / 3., 1}, {4 / 9., 0, 2 / 3.}, {7 / 9., 1, 2 / 3.}, {1 / 3., 1, 0}
  };

  private static final double[][] PAIRWISE = {
    {5 / 9., 1 / 3., 2 / 3.}, {10 / 27., 0, 5 / 9.}, {31 / 54., 1, 13 / 36.}, {1 / 2., 1, 1 / 4.}
  };

  /** Per annotator U1..U3, always pairwise: overall, sentiment, quality, pairs. */
  private static final double[][] ANNOTATORS = {
    {5 / 9., 4 / 7., 23 / 42., 7}, {1 / 2., 1 / 2., 1 / 2., 6}, {4 / 9., 3 / 7., 19 / 42., 7}
  };

  private static WorkerProcess worker;
  private ApiClient owner;
  private long project;
  private List<Long> users;
  private final List<Long> tasks = new ArrayList<>();
  private final List<List<Long>> annotations = new ArrayList<>();

  @BeforeAll
  static void startWorker() {
    // Without the sweep: these projects are scored by the backfills the test asks for, not by a
    // refresh of them before their first one.
    worker =
        WorkerProcess.start(ENV, "results-e2e", Map.of("AGREEMENT_LIVE_SWEEP_ENABLED", "false"));
  }

  @AfterAll
  static void stopWorker() throws Exception {
    worker.close();
  }

  @Test
  void backfilled_results_read_back_as_computed_by_hand_under_both_methodologies() {
    buildProject();
    assertThat(owner.get(base() + "/agreement/").body().get("computed_at").isNull()).isTrue();
    assertThat(owner.patch(base() + "/dimensions/quality/", "{\"weight\": 2}").status())
        .isEqualTo(200);

    backfill("{\"project_id\": " + project + "}");
    JsonNode consensus = owner.get(base() + "/agreement/").body();
    assertSummary(consensus, "consensus", 11 / 18., 2 / 3., 7 / 12.);
    assertTasks(CONSENSUS);
    assertThat(ids(owner.get(base() + "/agreement/tasks/?control_tag=quality&min=0.5")))
        .isEqualTo(tasks.subList(0, 3));
    assertThat(ids(owner.get(base() + "/agreement/tasks/?max=0.5")))
        .containsExactly(tasks.get(1), tasks.get(3));
    assertMatrices();

    long before = lastJob();
    Response switched =
        owner.patch(base() + "/agreement/settings/", "{\"methodology\": \"pairwise\"}");
    assertThat(switched.status()).isEqualTo(200);
    awaitSettingsBackfill(before);
    JsonNode pairwise = owner.get(base() + "/agreement/").body();
    assertSummary(pairwise, "pairwise", 1 / 2., 7 / 12., 11 / 24.);
    assertTasks(PAIRWISE);
    assertThat(pairwise.get("job_id").asLong()).isNotEqualTo(consensus.get("job_id").asLong());
  }

  /**
   * Hayes and Krippendorff (2007), Table 1, loaded as 40 tasks annotated by 5 users, once as a
   * Number and once as a Choices whose config order is the scale: the published ordinal alpha comes
   * back through the API, and changing a tag's level changes what is computed.
   */
  @Test
  void published_reliability_data_gives_the_published_alpha_through_the_api() {
    GeneratedOrganization org = data.organization(0, 0, 5, 0);
    owner = api(org.token());
    List<Long> coders = org.annotatorIds().stream().sorted().toList();
    project = data.projectWithConfig(org.organizationId(), TONE_CONFIG);
    double[][] tone = ReliabilityData.NEWS_TONE;
    for (int unit = 0; unit < tone[0].length; unit++) {
      long task = data.task(project);
      for (int coder = 0; coder < tone.length; coder++) {
        if (!Double.isNaN(tone[coder][unit])) {
          data.annotation(task, project, coders.get(coder), toneResult((int) tone[coder][unit]));
        }
      }
    }
    for (String tag : List.of("score", "verdict")) {
      Response ordinal =
          owner.patch(base() + "/dimensions/" + tag + "/", "{\"alpha_level\": \"ordinal\"}");
      assertThat(ordinal.status()).as(ordinal.raw()).isEqualTo(200);
    }

    backfill("{\"project_id\": " + project + "}");
    JsonNode tags = owner.get(base() + "/agreement/").body().get("control_tags");
    for (JsonNode tag : tags) {
      assertThat(tag.get("alpha_level").asString()).isEqualTo("ordinal");
      assertThat(tag.get("krippendorff_alpha").asDouble())
          .as(tag.get("name").asString())
          .isCloseTo(ReliabilityData.NEWS_TONE_ORDINAL_ALPHA, offset(0.00005));
    }

    long before = lastJob();
    owner.patch(base() + "/dimensions/score/", "{\"alpha_level\": null}");
    awaitSettingsBackfill(before);
    before = lastJob();
    owner.patch(base() + "/dimensions/verdict/", "{\"alpha_level\": \"nominal\"}");
    awaitSettingsBackfill(before);
    tags = owner.get(base() + "/agreement/").body().get("control_tags");
    assertThat(tags.get(0).get("alpha_level").asString()).isEqualTo("interval");
    assertThat(tags.get(0).get("krippendorff_alpha").asDouble()).isCloseTo(0.7574, offset(0.00005));
    assertThat(tags.get(1).get("alpha_level").asString()).isEqualTo("nominal");
    assertThat(tags.get(1).get("krippendorff_alpha").asDouble()).isCloseTo(0.4765, offset(0.00005));
  }

  private void buildProject() {
    GeneratedOrganization org = data.organization(0, 0, 3, 0);
    owner = api(org.token());
    users = org.annotatorIds().stream().sorted().toList();
    project = data.projectWithConfig(org.organizationId(), CONFIG);
    for (int t = 0; t < SENTIMENT.length; t++) {
      long task = data.task(project);
      tasks.add(task);
      List<Long> ids = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        ids.add(
            data.annotation(task, project, users.get(u), result(SENTIMENT[t][u], QUALITY[t][u])));
      }
      annotations.add(ids);
    }
    data.jdbc()
        .sql("UPDATE task_completion SET was_cancelled = true WHERE id = :id")
        .param("id", annotations.get(3).get(1))
        .update();
    long single = data.task(project);
    data.annotation(single, project, users.get(1), result("Positive", 3));
    tasks.add(single);
  }

  private long lastJob() {
    return data.jdbc()
        .sql("SELECT coalesce(max(id), 0) FROM agreement.backfill_job WHERE project_id = :p")
        .param("p", project)
        .query(Long.class)
        .single();
  }

  /**
   * The forced backfill a settings change queues on its own (SPEC 9), run to completion; the worker
   * may finish it before a read could see the results stale, which StaleResultsIT covers.
   */
  private void awaitSettingsBackfill(long after) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                data.jdbc()
                    .sql(
                        """
                        SELECT status FROM agreement.backfill_job
                        WHERE project_id = :p AND id > :after AND trigger_mode = 'settings_change'
                        ORDER BY id DESC LIMIT 1
                        """)
                    .param("p", project)
                    .param("after", after)
                    .query(String.class)
                    .optional()
                    .orElse(""),
            "COMPLETED"::equals);
    assertThat(owner.get(base() + "/agreement/").body().get("stale").asBoolean()).isFalse();
  }

  private void backfill(String body) {
    Response r = owner.post("/api/dimensions/backfill/", body);
    assertThat(r.body().get("jobs_queued").asInt()).as(r.raw()).isEqualTo(1);
    long job = r.firstJobId();
    String status = "/api/dimensions/backfill/status/?job_id=" + job;
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> owner.get(status).body().get("status").asString(), "COMPLETED"::equals);
  }

  private void assertSummary(
      JsonNode summary, String methodology, double overall, double sentiment, double quality) {
    assertThat(summary.get("methodology").asString()).isEqualTo(methodology);
    assertThat(summary.get("stale").asBoolean()).isFalse();
    assertThat(summary.get("computed_at").isNull()).isFalse();
    assertThat(summary.get("tasks_scored").asInt()).isEqualTo(4);
    close(summary.get("agreement"), overall);
    JsonNode tags = summary.get("control_tags");
    assertTag(tags.get(0), "sentiment", 1, sentiment, "nominal", 1 / 26.);
    assertTag(tags.get(1), "quality", 2, quality, "interval", -2 / 103.);
    JsonNode annotators = summary.get("annotators");
    assertThat(annotators).hasSize(3);
    for (int u = 0; u < 3; u++) {
      JsonNode a = annotators.get(u);
      assertThat(a.get("user_id").asLong()).isEqualTo(users.get(u));
      close(a.get("agreement"), ANNOTATORS[u][0]);
      close(a.get("per_tag").get("sentiment"), ANNOTATORS[u][1]);
      close(a.get("per_tag").get("quality"), ANNOTATORS[u][2]);
      assertThat(a.get("pairs").asLong()).isEqualTo((long) ANNOTATORS[u][3]);
    }
  }

  /**
   * Alpha over T1..T4 as in Krippendorff (2011): nominal 1 - 10 * 5 / 52, interval 1 - 420 / 412.
   */
  private static void assertTag(
      JsonNode tag, String name, double weight, double agreement, String level, double alpha) {
    assertThat(tag.get("name").asString()).isEqualTo(name);
    assertThat(tag.get("weight").asDouble()).isEqualTo(weight);
    assertThat(tag.get("tasks_scored").asInt()).isEqualTo(4);
    close(tag.get("agreement"), agreement);
    assertThat(tag.get("alpha_level").asString()).isEqualTo(level);
    close(tag.get("krippendorff_alpha"), alpha);
  }

  private void assertTasks(double[][] expected) {
    Response page = owner.get(base() + "/agreement/tasks/");
    assertThat(page.body().get("count").asInt()).isEqualTo(4);
    assertThat(ids(page)).isEqualTo(tasks.subList(0, 4));
    for (int t = 0; t < 4; t++) {
      assertTask(page.body().get("results").get(t), expected[t]);
      assertTask(owner.get(base() + "/tasks/" + tasks.get(t) + "/agreement/").body(), expected[t]);
    }
    assertThat(owner.get(base() + "/tasks/" + tasks.get(4) + "/agreement/").status())
        .isEqualTo(404);
  }

  private static void assertTask(JsonNode task, double[] expected) {
    close(task.get("agreement"), expected[0]);
    close(task.get("control_tags").get("sentiment"), expected[1]);
    close(task.get("control_tags").get("quality"), expected[2]);
  }

  /** Overall pair scores (sentiment + 2 quality) / 3; the cancelled annotation is not in T4's. */
  private void assertMatrices() {
    assertMatrix(
        0, List.of(0, 1, 2), new double[][] {{1, 1, 1 / 3.}, {1, 1, 1 / 3.}, {1 / 3., 1 / 3., 1}});
    assertMatrix(
        1,
        List.of(0, 1, 2),
        new double[][] {{1, 2 / 9., 2 / 3.}, {2 / 9., 1, 2 / 9.}, {2 / 3., 2 / 9., 1}});
    assertMatrix(
        2,
        List.of(0, 1, 2),
        new double[][] {{1, 2 / 3., 1 / 2.}, {2 / 3., 1, 5 / 9.}, {1 / 2., 5 / 9., 1}});
    assertMatrix(3, List.of(0, 2), new double[][] {{1, 1 / 2.}, {1 / 2., 1}});
  }

  private void assertMatrix(int task, List<Integer> annotators, double[][] scores) {
    JsonNode detail = owner.get(base() + "/tasks/" + tasks.get(task) + "/agreement/").body();
    assertThat(detail.get("annotations").asInt()).isEqualTo(annotators.size());
    JsonNode matrix = detail.get("matrix");
    for (int i = 0; i < annotators.size(); i++) {
      assertThat(matrix.get("annotation_ids").get(i).asLong())
          .isEqualTo(annotations.get(task).get(annotators.get(i)));
      assertThat(matrix.get("user_ids").get(i).asLong()).isEqualTo(users.get(annotators.get(i)));
      for (int j = 0; j < annotators.size(); j++) {
        close(matrix.get("scores").get(i).get(j), scores[i][j]);
      }
    }
  }

  private static void close(JsonNode actual, double expected) {
    assertThat(actual.isNumber()).as("%s is a number", actual).isTrue();
    assertThat(actual.asDouble()).isCloseTo(expected, offset(1e-9));
  }

  private static List<Long> ids(Response page) {
    return page.body().get("results").valueStream().map(t -> t.get("task_id").asLong()).toList();
  }

  private String base() {
    return "/api/projects/" + project;
  }

  private static String toneResult(int tone) {
    return "[{\"id\":\"n\",\"from_name\":\"score\",\"to_name\":\"text\",\"type\":\"number\","
        + "\"value\":{\"number\":"
        + tone
        + "}},"
        + "{\"id\":\"c\",\"from_name\":\"verdict\",\"to_name\":\"text\",\"type\":\"choices\","
        + "\"value\":{\"choices\":[\""
        + TONES[tone]
        + "\"]}}]";
  }

  private static String result(String sentiment, int quality) {
    return "[{\"id\":\"s\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
        + "\"value\":{\"choices\":[\""
        + sentiment
        + "\"]}},"
        + "{\"id\":\"q\",\"from_name\":\"quality\",\"to_name\":\"text\",\"type\":\"rating\","
        + "\"value\":{\"rating\":"
        + quality
        + "}}]";
  }
}
