package io.agreement.api.lse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.api.support.TestData;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.GeneratedOrganization;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Label Studio Enterprise's agreement read API over real HTTP, on a project backfilled by a real
 * worker, against numbers worked out by hand from SPEC 8. Users U1 < U2 < U3; tag sentiment
 * (Choices P, N, U; exact_match; weight 1) and tag quality (Rating, weight 0 through is_active
 * false, so the pair overall score is the sentiment pair score):
 *
 * <pre>
 *        U1   U2   U3        pairs (12, 13, 23)   consensus task score
 *   T1   P 1  P 3  N 3       1, 0, 0              2/3  (P, P agree)
 *   T2   P 2  N 2  -         0                    0
 *   T3   N 2  P 2  N*2       0, 1, 0              2/3  (* U3's is the ground truth)
 *   T4   -    P*2  P*2       1                    1    (both flagged; U3's updated later wins)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "agreement.label-studio.url=http://ls.example.com/")
class LseApiIT extends IntegrationTest {

  static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text">
          <Choice value="P"/><Choice value="N"/><Choice value="U"/>
        </Choices>
        <Rating name="quality" toName="text" maxRating="3"/>
      </View>""";

  static final String[][] SENTIMENT = {
    {"P", "P", "N"}, {"P", "N", null}, {"N", "P", "N"}, {null, "P", "P"}
  };
  static final int[][] QUALITY = {{1, 3, 3}, {2, 2, 0}, {2, 2, 2}, {0, 2, 2}};

  private WorkerProcess worker;
  private TestData testData;
  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;
  private List<Long> users;
  private final List<Long> tasks = new ArrayList<>();
  private final List<List<Long>> annotations = new ArrayList<>();
  private long sentimentId;
  private long qualityId;

  @BeforeAll
  void backfillProject() {
    // Without the sweep: a refresh before the first backfill would make the settings change below
    // queue a forced backfill of its own, and the test's own backfill would find it active.
    worker = WorkerProcess.start(ENV, "lse-api", Map.of("AGREEMENT_LIVE_SWEEP_ENABLED", "false"));
    testData = new TestData(dataSource);
    org = testData.organization(0, 0, 3, 0);
    owner = api(org.token());
    users = org.annotatorIds().stream().sorted().toList();
    project = testData.projectWithConfig(org.organizationId(), CONFIG);
    for (int t = 0; t < SENTIMENT.length; t++) {
      long task = testData.task(project);
      tasks.add(task);
      List<Long> ids = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        ids.add(
            SENTIMENT[t][u] == null
                ? null
                : testData.annotation(
                    task, project, users.get(u), result(SENTIMENT[t][u], QUALITY[t][u])));
      }
      annotations.add(ids);
    }
    groundTruth(annotations.get(2).get(2), "2024-01-01T00:00:00Z");
    groundTruth(annotations.get(3).get(1), "2024-01-01T00:00:00Z");
    groundTruth(annotations.get(3).get(2), "2024-01-02T00:00:00Z");
    JsonNode dims = owner.get(base() + "/dimensions/").body();
    sentimentId = dims.get(0).get("id").asLong();
    qualityId = dims.get(1).get("id").asLong();
    Response inactive =
        owner.patch(base() + "/dimensions/" + qualityId + "/", "{\"is_active\": false}");
    assertThat(inactive.status()).as(inactive.raw()).isEqualTo(200);
    assertThat(owner.get(base() + "/stats/total_agreement").status()).isEqualTo(204);
    backfill(owner, project);
  }

  @AfterAll
  void stopWorker() throws Exception {
    worker.close();
  }

  static String result(String choice, int rating) {
    String quality =
        "{\"from_name\": \"quality\", \"to_name\": \"text\", \"type\": \"rating\", \"value\":"
            + " {\"rating\": "
            + rating
            + "}}";
    return "[{\"from_name\": \"sentiment\", \"to_name\": \"text\", \"type\": \"choices\","
        + " \"value\": {\"choices\": [\""
        + choice
        + "\"]}}, "
        + quality
        + "]";
  }

  private void groundTruth(long annotation, String updatedAt) {
    testData
        .jdbc()
        .sql(
            "UPDATE task_completion SET ground_truth = true, updated_at = CAST(:at AS timestamptz)"
                + " WHERE id = :id")
        .param("at", updatedAt)
        .param("id", annotation)
        .update();
  }

  static void backfill(ApiClient client, long projectId) {
    Response r = client.post("/api/dimensions/backfill/", "{\"project_id\": " + projectId + "}");
    assertThat(r.body().get("jobs_queued").asInt()).as(r.raw()).isEqualTo(1);
    String status = "/api/dimensions/backfill/status/?job_id=" + r.firstJobId();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> client.get(status).body().get("status").asString(), "COMPLETED"::equals);
  }

  private String base() {
    return "/api/projects/" + project;
  }

  private JsonNode ok(String path) {
    Response r = owner.get(path);
    assertThat(r.status()).as(path + " " + r.raw()).isEqualTo(200);
    return r.body();
  }

  static void close(JsonNode actual, Double expected) {
    if (expected == null) {
      assertThat(actual.isNull()).as("%s is null", actual).isTrue();
      return;
    }
    assertThat(actual.isNumber()).as("%s is a number", actual).isTrue();
    assertThat(actual.asDouble()).isCloseTo(expected, offset(1e-9));
  }

  static void matrix(JsonNode actual, Double[][] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).hasSize(expected[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        close(actual.get(i).get(j), expected[i][j]);
      }
    }
  }

  static void counts(JsonNode actual, long[][] expected) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat(actual.get(i).get(j).asLong()).as("[%d][%d]", i, j).isEqualTo(expected[i][j]);
      }
    }
  }

  private String u(int i) {
    return Long.toString(users.get(i));
  }

  @Nested
  class Iaa {

    /**
     * U1-U2: T1 1, T2 0, T3 0 = 1/3 on 3 tasks; U1-U3: T1 0, T3 1 = 1/2 on 2; U2-U3: T1 0, T3 0, T4
     * 1 = 1/3 on 3. Diagonal tasks: U1 T1-T3, U2 T1-T4, U3 T1, T3, T4. std over (1/3, 1/2, 1/3):
     * mean 7/18, deviations -1/18, 2/18, -1/18, variance 6/324/3 = 1/162.
     */
    @Test
    void cells_common_tasks_and_std_over_every_task() {
      JsonNode iaa = ok(base() + "/stats/IAA?std=true");
      matrix(
          iaa.get("IAA"),
          new Double[][] {{1., 1 / 3., 1 / 2.}, {1 / 3., 1., 1 / 3.}, {1 / 2., 1 / 3., 1.}});
      counts(iaa.get("common_tasks"), new long[][] {{3, 3, 2}, {3, 4, 3}, {2, 3, 3}});
      close(iaa.get("std"), Math.sqrt(1 / 162.));
      assertThat(ok(base() + "/stats/IAA?task=").get("IAA")).isEqualTo(iaa.get("IAA"));
      assertThat(iaa.get("users")).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(iaa.get("users").get(i).get("id").asLong()).isEqualTo(users.get(i));
        assertThat(iaa.get("users").get(i).get("email").asString()).contains("@");
        assertThat(iaa.get("users").get(i).has("first_name")).isTrue();
      }
    }

    /** T1, T2 only: U1-U2 (1 + 0) / 2 on 2 tasks, U1-U3 and U2-U3 0 on T1; no std asked. */
    @Test
    void restricted_to_some_tasks() {
      JsonNode iaa = ok(base() + "/stats/IAA?task=" + tasks.get(0) + "," + tasks.get(1));
      matrix(iaa.get("IAA"), new Double[][] {{1., 1 / 2., 0.}, {1 / 2., 1., 0.}, {0., 0., 1.}});
      counts(iaa.get("common_tasks"), new long[][] {{2, 2, 1}, {2, 2, 1}, {1, 1, 1}});
      assertThat(iaa.has("std")).isFalse();
    }

    /**
     * Label P: U1-U2 T1 1, T2 0, T3 0 = 1/3; U1-U3 T1 0 = 0; U2-U3 T1 0, T3 0, T4 1 = 1/3. Label N:
     * U1-U2 T2 0, T3 0 = 0; U1-U3 T1 0, T3 1 = 1/2; U2-U3 T1 0, T3 0 = 0 (T3's U1-U3 pair, N and N,
     * does not use P). std P over (1/3, 0, 1/3): sqrt(2/81); N over (0, 1/2, 0): sqrt(1/18).
     */
    @Test
    void per_label_matrices() {
      JsonNode iaa = ok(base() + "/stats/IAA?per_label=true&std=true");
      matrix(
          iaa.get("IAA").get("P"),
          new Double[][] {{1., 1 / 3., 0.}, {1 / 3., 1., 1 / 3.}, {0., 1 / 3., 1.}});
      matrix(
          iaa.get("IAA").get("N"),
          new Double[][] {{1., 0., 1 / 2.}, {0., 1., 0.}, {1 / 2., 0., 1.}});
      counts(iaa.get("common_tasks").get("P"), new long[][] {{3, 3, 1}, {3, 4, 3}, {1, 3, 3}});
      counts(iaa.get("common_tasks").get("N"), new long[][] {{3, 2, 2}, {2, 3, 2}, {2, 2, 2}});
      close(iaa.get("std").get("P"), Math.sqrt(2 / 81.));
      close(iaa.get("std").get("N"), Math.sqrt(1 / 18.));
      assertThat(iaa.get("IAA").has("U")).isFalse();
    }
  }

  @Nested
  class Annotators {

    /** Pairwise over every pair: U1 (1+0+0+0+1)/5, U2 (1+0+0+0+0+1)/6, U3 (0+0+1+0+1)/5. */
    @Test
    void agreement_of_the_annotators_asked_for() {
      JsonNode a = ok(base() + "/stats/agreement_annotators?ids=" + u(0) + "," + u(2) + ",999999");
      close(a.get("agreement").get(u(0)), 2 / 5.);
      close(a.get("agreement").get(u(2)), 2 / 5.);
      close(a.get("agreement").get("999999"), null);
      JsonNode all = ok(base() + "/stats/agreement_annotators");
      close(all.get("agreement").get(u(1)), 1 / 3.);
      assertThat(all.get("agreement")).hasSize(3);
    }

    @Test
    void one_annotator() {
      close(
          ok(base() + "/stats/agreement_annotator/" + u(1)).get("Agreement_per_annotator"), 1 / 3.);
      close(ok(base() + "/stats/agreement_annotator/999999").get("Agreement_per_annotator"), null);
    }

    /** Consensus task scores 2/3, 0, 2/3, 1: mean 7/12. Pooled labels P 2/7, N 1/6. */
    @Test
    void total_agreement_overall_and_per_label() {
      close(ok(base() + "/stats/total_agreement").get("total_agreement"), 7 / 12.);
      JsonNode perLabel =
          ok(base() + "/stats/total_agreement?per_label=true").get("total_agreement");
      close(perLabel.get("P"), 2 / 7.);
      close(perLabel.get("N"), 1 / 6.);
    }
  }

  @Nested
  class GroundTruth {

    /**
     * T3's ground truth is U3's N: U1 (N) 1, U2 (P) 0. T4's is U3's P (updated last): U2 1. U1 1,
     * U2 1/2, U3 none. Per label: U1 {N: 1}; U2 {P: (0 + 1) / 2, N: 0}.
     */
    @Test
    void per_user_overall_and_per_label() {
      String ids = "?ids=" + u(0) + "," + u(1) + "," + u(2);
      JsonNode gt = ok(base() + "/stats/agreement-groundtruth" + ids).get("agreement");
      close(gt.get(u(0)), 1.);
      close(gt.get(u(1)), 1 / 2.);
      close(gt.get(u(2)), null);
      JsonNode labels =
          ok(base() + "/stats/agreement-groundtruth" + ids + "&per_label=true").get("agreement");
      close(labels.get(u(0)).get("N"), 1.);
      assertThat(labels.get(u(0)).has("P")).isFalse();
      close(labels.get(u(1)).get("P"), 1 / 2.);
      close(labels.get(u(1)).get("N"), 0.);
      close(labels.get(u(2)), null);
    }

    @Test
    void one_user() {
      String path = base() + "/users/" + u(1) + "/stats/agreement-groundtruth";
      close(ok(path).get("agreement"), 1 / 2.);
      close(ok(path + "?per_label=true").get("agreement").get("P"), 1 / 2.);
    }
  }

  @Nested
  class TaskMatrix {

    private String path(int task) {
      return base() + "/tasks/" + tasks.get(task) + "/agreement-matrix";
    }

    /** T1 P, P, N: no selection means every annotator, in ascending annotation id. */
    @Test
    void every_annotator_without_selection() {
      JsonNode m = ok(path(0));
      matrix(m.get("matrix"), new Double[][] {{1., 1., 0.}, {1., 1., 0.}, {0., 0., 1.}});
      for (int i = 0; i < 3; i++) {
        assertThat(m.get("users").get(i).get("id").asLong()).isEqualTo(users.get(i));
        assertThat(m.get("users").get(i).get("annotation_id").asLong())
            .isEqualTo(annotations.get(0).get(i));
        assertThat(m.get("users").get(i).get("type").asString()).isEqualTo("annotator");
      }
    }

    @Test
    void bracket_selection_of_some_annotators() {
      JsonNode m =
          ok(
              path(0)
                  + "?selection[annotators][ids]="
                  + u(0)
                  + "&selection[annotators][ids]="
                  + u(2));
      matrix(m.get("matrix"), new Double[][] {{1., 0.}, {0., 1.}});
      JsonNode all = ok(path(0) + "?selection[annotators][all]=true");
      assertThat(all.get("matrix")).hasSize(3);
    }

    /**
     * T3 N, P, N plus its ground truth (brackets as curl sends them, unencoded) (U3's N) as its own
     * participant.
     */
    @Test
    void ground_truth_as_a_participant_in_both_encodings() {
      JsonNode m = ok(path(2) + "?selection[ground_truth]=true");
      matrix(
          m.get("matrix"),
          new Double[][] {{1., 0., 1., 1.}, {0., 1., 0., 0.}, {1., 0., 1., 1.}, {1., 0., 1., 1.}});
      assertThat(m.get("users").get(3).get("type").asString()).isEqualTo("ground_truth");
      assertThat(m.get("users").get(3).get("annotation_id").asLong())
          .isEqualTo(annotations.get(2).get(2));
      String json = "{\"annotators\": {\"ids\": [\"" + u(1) + "\"]}, \"ground_truth\": true}";
      JsonNode asJson =
          ok(path(2) + "?selection=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
      matrix(asJson.get("matrix"), new Double[][] {{1., 0.}, {0., 1.}});
    }

    /** quality on T1, ratings 1, 3, 3: 1 / (1 + 2), 1 / (1 + 2), 1 / (1 + 0). */
    @Test
    void one_dimension() {
      JsonNode m = ok(path(0) + "?dimension=" + qualityId);
      matrix(
          m.get("matrix"),
          new Double[][] {{1., 1 / 3., 1 / 3.}, {1 / 3., 1., 1.}, {1 / 3., 1., 1.}});
      JsonNode s = ok(path(0) + "?dimension=" + sentimentId);
      matrix(s.get("matrix"), new Double[][] {{1., 1., 0.}, {1., 1., 0.}, {0., 0., 1.}});
    }
  }

  @Nested
  class DataQuality {

    private String analysis() {
      return base() + "/analytics/data-quality/agreement-analysis";
    }

    @Test
    void active_dimensions_with_their_mean() {
      JsonNode dims = ok(analysis() + "/dimensions");
      assertThat(dims).hasSize(1);
      assertThat(dims.get(0).get("name").asString()).isEqualTo("sentiment");
      assertThat(dims.get(0).get("from_name").asString()).isEqualTo("sentiment");
      close(dims.get(0).get("agreement"), 7 / 12.);
    }

    /**
     * Ordered pairs of different users: T1 (P, P, N) PP 2, PN 2, NP 2; T2 PN 1, NP 1; T3 (N, P, N)
     * NP 2, PN 2, NN 2; T4 PP 2. Rows P [4, 5, 0], N [5, 2, 0], U [0, 0, 0]: precision and recall P
     * 4/9, N 2/7, U none; one unordered off-diagonal pair, P-N 5 of 5.
     */
    @Test
    void confusion_of_every_pair_in_config_order() {
      JsonNode c = ok(analysis() + "/confusion-matrix?from_name=sentiment&mode=all");
      assertThat(c.get("labels").valueStream().map(JsonNode::asString))
          .containsExactly("P", "N", "U");
      counts(c.get("matrix"), new long[][] {{4, 5, 0}, {5, 2, 0}, {0, 0, 0}});
      close(c.get("precision").get(0), 4 / 9.);
      close(c.get("precision").get(1), 2 / 7.);
      close(c.get("precision").get(2), null);
      close(c.get("recall").get(0), 4 / 9.);
      close(c.get("recall").get(1), 2 / 7.);
      JsonNode top = c.get("top_confusion_pairs");
      assertThat(top).hasSize(1);
      assertThat(top.get(0).get("actual").asString()).isEqualTo("P");
      assertThat(top.get(0).get("label").asString()).isEqualTo("N");
      assertThat(top.get(0).get("count").asLong()).isEqualTo(5);
      close(top.get(0).get("rate"), 1.);
      assertThat(ok(analysis() + "/confusion-matrix").get("matrix")).isEqualTo(c.get("matrix"));
    }

    /**
     * Rows the ground truth: T3 (N) against U1 N and U2 P, T4 (P) against U2 P. Rows P [1, 0, 0], N
     * [1, 1, 0]: precision P 1/2, N 1; recall P 1, N 1/2; top N -> P 1 of 1.
     */
    @Test
    void confusion_against_the_ground_truth() {
      JsonNode c = ok(analysis() + "/confusion-matrix?from_name=sentiment&mode=ground_truth");
      counts(c.get("matrix"), new long[][] {{1, 0, 0}, {1, 1, 0}, {0, 0, 0}});
      close(c.get("precision").get(0), 1 / 2.);
      close(c.get("precision").get(1), 1.);
      close(c.get("recall").get(0), 1.);
      close(c.get("recall").get(1), 1 / 2.);
      JsonNode top = c.get("top_confusion_pairs").get(0);
      assertThat(top.get("actual").asString()).isEqualTo("N");
      assertThat(top.get("label").asString()).isEqualTo("P");
      close(top.get("rate"), 1.);
    }

    /** Rating values: T1 1, 3, 3 gives 1-3 twice each way and 3-3 twice; others 2-2. */
    @Test
    void confusion_of_a_rating_lists_its_scale() {
      JsonNode c = ok(analysis() + "/confusion-matrix?from_name=quality");
      assertThat(c.get("labels").valueStream().map(JsonNode::asString))
          .containsExactly("1", "2", "3");
      // T2 2, 2: 2; T3 2, 2, 2: 6; T4 2, 2: 2 -> 2-2 is 10.
      counts(c.get("matrix"), new long[][] {{0, 0, 2}, {0, 10, 0}, {2, 0, 2}});
    }

    /**
     * Task scores 2/3, 0, 2/3, 1: buckets 0, 6, 6, 9; mean 7/12; below 0.5: T2; below 0.7: T1-T3.
     */
    @Test
    void distribution_follows_the_threshold_setting() {
      JsonNode d = ok(analysis() + "/distribution");
      assertThat(d.get("histogram").valueStream().map(JsonNode::asLong))
          .containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 2L, 0L, 0L, 1L);
      close(d.get("average_agreement"), 7 / 12.);
      assertThat(d.get("total_tasks").asLong()).isEqualTo(4);
      assertThat(d.get("low_agreement_count").asLong()).isEqualTo(1);
      String settings = base() + "/agreement/settings/";
      Response patched = owner.patch(settings, "{\"agreement_threshold\": 0.7}");
      assertThat(patched.body().get("agreement_threshold").asDouble()).isEqualTo(0.7);
      assertThat(ok(analysis() + "/distribution").get("low_agreement_count").asLong()).isEqualTo(3);
      assertThat(ok(base() + "/agreement/").get("stale").asBoolean()).isFalse();
      owner.patch(settings, "{\"agreement_threshold\": null}");
      assertThat(ok(analysis() + "/distribution").get("low_agreement_count").asLong()).isEqualTo(1);
    }
  }

  @Nested
  class Dimensions {

    @Test
    void bare_array_of_lse_dimensions_with_the_service_settings() {
      JsonNode dims = ok(base() + "/dimensions/");
      assertThat(dims.isArray()).isTrue();
      JsonNode sentiment = dims.get(0);
      assertThat(sentiment.get("id").asLong()).isEqualTo(sentimentId);
      assertThat(sentiment.get("project").asLong()).isEqualTo(project);
      assertThat(sentiment.get("control_tag").asString()).isEqualTo("sentiment");
      assertThat(sentiment.get("metric_type").asString()).isEqualTo("exact_match");
      assertThat(sentiment.get("metric_params").get("threshold").asDouble()).isEqualTo(0.5);
      assertThat(sentiment.get("is_active").asBoolean()).isTrue();
      assertThat(sentiment.get("values_enum").valueStream().map(JsonNode::asString))
          .containsExactly("P", "N", "U");
      assertThat(sentiment.get("allowed_metrics_with_params").has("jaccard")).isTrue();
      assertThat(sentiment.get("weight").asDouble()).isEqualTo(1);
      assertThat(dims.get(1).get("is_active").asBoolean()).isFalse();
      assertThat(dims.get(1).get("weight").asDouble()).isEqualTo(0);
      assertThat(ok(base() + "/dimensions/?is_active=true")).hasSize(1);
      assertThat(ok(base() + "/dimensions/?ordering=-id").get(0).get("id").asLong())
          .isEqualTo(qualityId);
    }

    @Test
    void one_dimension_by_id_or_by_name() {
      JsonNode byId = ok(base() + "/dimensions/" + sentimentId + "/");
      assertThat(byId.get("name").asString()).isEqualTo("sentiment");
      assertThat(byId.has("created_by")).isTrue();
      assertThat(ok(base() + "/dimensions/quality/").get("id").asLong()).isEqualTo(qualityId);
    }
  }

  @Nested
  class Export {

    /** Task scores 2/3, 0, 2/3, 1; quality (weight 0) still has its own column. */
    @Test
    void csv_streams_every_task_with_its_link() {
      Response csv = owner.get(base() + "/agreement/tasks/?format=csv&max=0.7");
      assertThat(csv.status()).isEqualTo(200);
      String[] lines = csv.raw().split("\n");
      assertThat(lines[0]).isEqualTo("task_id,agreement,sentiment,quality,annotations,task_url");
      assertThat(lines).hasSize(4);
      assertThat(lines[1])
          .startsWith(tasks.get(0) + ",0.6666666666666666,0.6666666666666666,")
          .endsWith(",3,http://ls.example.com/projects/" + project + "/data?task=" + tasks.get(0));
      assertThat(lines[2]).startsWith(tasks.get(1) + ",0.0,0.0,");
    }

    @Test
    void task_entries_carry_their_link() {
      String url = "http://ls.example.com/projects/" + project + "/data?task=" + tasks.get(3);
      assertThat(ok(base() + "/tasks/" + tasks.get(3) + "/agreement/").get("task_url").asString())
          .isEqualTo(url);
      assertThat(ok(base() + "/agreement/tasks/").get("results").get(3).get("task_url").asString())
          .isEqualTo(url);
    }
  }

  @Nested
  class SpecExample {

    /** SPEC 8: answers P, P, N on one task; P scores (1 + 0 + 0) / 3, N (0 + 0) / 2. */
    @Test
    void per_label_agreement_of_p_p_n() {
      long other = testData.projectWithConfig(org.organizationId(), CONFIG);
      long task = testData.task(other);
      for (int u = 0; u < 3; u++) {
        testData.annotation(task, other, users.get(u), result(SENTIMENT[0][u], 1));
      }
      String total = "/api/projects/" + other + "/stats/total_agreement";
      assertThat(owner.get(total).status()).isEqualTo(204);
      assertThat(owner.get(total).raw()).isEmpty();
      backfill(owner, other);
      JsonNode perLabel = ok(total + "?per_label=true").get("total_agreement");
      close(perLabel.get("P"), 1 / 3.);
      close(perLabel.get("N"), 0.);
      assertThat(perLabel).hasSize(2);
    }
  }

  @Test
  void the_api_description_documents_every_call() {
    Response docs = api(null).raw(api(null).request("/v3/api-docs").GET());
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.raw())
        .contains(
            "/api/projects/{projectId}/stats/IAA\"",
            "/stats/agreement_annotators\"",
            "/stats/agreement_annotator/{userId}\"",
            "/stats/total_agreement\"",
            "/stats/agreement-groundtruth\"",
            "/users/{userId}/stats/agreement-groundtruth\"",
            "/tasks/{taskId}/agreement-matrix\"",
            "/agreement-analysis/dimensions\"",
            "/agreement-analysis/confusion-matrix\"",
            "/agreement-analysis/distribution\"",
            "/dimensions/{dimension}/\"");
  }

  @Nested
  class BadInput {

    private void refused(String path, int status) {
      Response r = owner.get(path);
      assertThat(r.status()).as(path + " " + r.raw()).isEqualTo(status);
      assertThat(r.detail()).as(path).isNotBlank();
    }

    @Test
    void non_numeric_ids_and_flags_are_400() {
      refused("/api/projects/abc/stats/IAA", 400);
      refused(base() + "/stats/IAA?task=1,x", 400);
      refused(base() + "/stats/IAA?per_label=maybe", 400);
      refused(base() + "/stats/agreement_annotators?ids=1,x", 400);
      refused(base() + "/stats/agreement_annotator/abc", 400);
      refused(base() + "/stats/agreement-groundtruth?ids=-1", 400);
      refused(base() + "/users/abc/stats/agreement-groundtruth", 400);
      refused(base() + "/tasks/abc/agreement-matrix", 400);
      refused(base() + "/tasks/" + tasks.get(0) + "/agreement-matrix?dimension=abc", 400);
      refused(base() + "/dimensions/?is_active=maybe", 400);
      refused(base() + "/dimensions/?ordering=password", 400);
      refused(base() + "/dimensions/?agreement_methodology=majority", 400);
      refused(base() + "/agreement/tasks/?format=xml", 400);
    }

    @Test
    void hostile_input_is_refused_with_a_detail() {
      String confusion = base() + "/analytics/data-quality/agreement-analysis/confusion-matrix";
      refused(
          confusion + "?from_name=" + URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8),
          404);
      refused(confusion + "?from_name=%00", 404);
      refused(base() + "/stats/agreement_annotators?ids=99999999999", 400);
      String nested = "{\"annotators\": {\"ids\": [{\"id\": 1}]}, \"models\": []}";
      refused(
          base()
              + "/tasks/"
              + tasks.get(0)
              + "/agreement-matrix?selection="
              + URLEncoder.encode(nested, StandardCharsets.UTF_8),
          400);
      refused(
          base() + "/tasks/" + tasks.get(0) + "/agreement-matrix?selection[annotators][ids]=1e3",
          400);
      refused(base() + "/tasks/99999999999/agreement-matrix", 400);
    }

    @Test
    void malformed_selection_is_400() {
      String path = base() + "/tasks/" + tasks.get(0) + "/agreement-matrix?";
      refused(path + "selection=" + URLEncoder.encode("{not json", StandardCharsets.UTF_8), 400);
      refused(path + "selection=" + URLEncoder.encode("[1]", StandardCharsets.UTF_8), 400);
      refused(path + "selection[annotators][bogus]=1", 400);
      refused(path + "selection[annotators][ids]=abc", 400);
      refused(path + "selection[ground_truth]=perhaps", 400);
      String both = "selection=%7B%7D&selection[ground_truth]=true";
      refused(path + both, 400);
    }

    @Test
    void unknown_dimension_mode_or_tag() {
      refused(base() + "/tasks/" + tasks.get(0) + "/agreement-matrix?dimension=999999", 404);
      refused(base() + "/dimensions/999999/", 404);
      String confusion = base() + "/analytics/data-quality/agreement-analysis/confusion-matrix";
      refused(confusion + "?mode=accepted", 400);
      refused(confusion + "?mode=majority", 400);
      refused(confusion + "?from_name=nope", 404);
      Response patch =
          owner.patch(base() + "/dimensions/" + sentimentId + "/", "{\"is_active\": 1}");
      assertThat(patch.status()).isEqualTo(400);
      Response both =
          owner.patch(base() + "/dimensions/sentiment/", "{\"is_active\": true, \"weight\": 2}");
      assertThat(both.status()).isEqualTo(400);
      Response threshold =
          owner.patch(base() + "/agreement/settings/", "{\"agreement_threshold\": 1.5}");
      assertThat(threshold.status()).isEqualTo(400);
      assertThat(threshold.detail()).contains("agreement_threshold");
    }

    @Test
    void another_organizations_ids_are_404_and_annotators_403() {
      GeneratedOrganization stranger = testData.organization(0, 0, 1, 0);
      ApiClient other = api(stranger.token());
      long foreignProject = testData.projectWithConfig(stranger.organizationId(), CONFIG);
      long foreignTask = testData.task(foreignProject);
      assertThat(other.get(base() + "/stats/IAA").status()).isEqualTo(404);
      refused(base() + "/tasks/" + foreignTask + "/agreement-matrix", 404);
      ApiClient annotator = api(testData.member(org.organizationId(), "ANNOTATOR"));
      for (String path :
          List.of(
              "/stats/IAA",
              "/stats/agreement_annotators",
              "/stats/agreement_annotator/" + u(0),
              "/stats/total_agreement",
              "/stats/agreement-groundtruth",
              "/users/" + u(0) + "/stats/agreement-groundtruth",
              "/tasks/" + tasks.get(0) + "/agreement-matrix",
              "/analytics/data-quality/agreement-analysis/dimensions",
              "/analytics/data-quality/agreement-analysis/confusion-matrix",
              "/analytics/data-quality/agreement-analysis/distribution",
              "/dimensions/" + sentimentId + "/")) {
        Response r = annotator.get(base() + path);
        assertThat(r.status()).as(path).isEqualTo(403);
        assertThat(r.detail()).isNotBlank();
      }
    }
  }
}
