package io.agreement.api.statistics;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * GET agreement/statistics/ (SPEC 4.7) over real HTTP: access rules on a project never backfilled,
 * then the data of Hayes and Krippendorff (2007) backfilled by a worker and read back.
 */
class StatisticsApiIT extends IntegrationTest {

  /** The tone scale of Hayes and Krippendorff (2007), 0 to 3, as a Number and as Choices. */
  private static final String[] TONES = {
    "sure loser", "somewhat competitive", "competitive", "likely winner"
  };

  private static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Number name="score" toName="text" min="0" max="3"/>
        <Choices name="verdict" toName="text">
          <Choice value="sure loser"/><Choice value="somewhat competitive"/>
          <Choice value="competitive"/><Choice value="likely winner"/>
        </Choices>
      </View>""";

  private static WorkerProcess worker;
  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;

  @BeforeAll
  static void startWorker() {
    worker = WorkerProcess.start(ENV, "statistics", Map.of());
  }

  @AfterAll
  static void stopWorker() throws Exception {
    worker.close();
  }

  @BeforeEach
  void project() {
    org = data.organization(0, 0, 5, 0);
    owner = api(org.token());
    project = data.projectWithConfig(org.organizationId(), CONFIG);
  }

  private String path() {
    return "/api/projects/" + project + "/agreement/statistics/";
  }

  @Nested
  class BeforeTheFirstBackfill {

    @Test
    void answers_no_tags_and_no_time() {
      assertThat(owner.get("/api/projects/" + project + "/agreement/").body().get("statistics"))
          .isEmpty();
      JsonNode body = owner.get(path()).body();
      assertThat(body.get("project_id").asLong()).isEqualTo(project);
      assertThat(body.get("computed_at").isNull()).isTrue();
      assertThat(body.get("control_tags")).isEmpty();
    }

    @Test
    void answers_without_the_trailing_slash_too() {
      assertThat(owner.get(path().substring(0, path().length() - 1)).status()).isEqualTo(200);
    }
  }

  @Nested
  class Access {

    @Test
    void a_missing_or_unknown_token_is_401() {
      assertThat(api(null).get(path()).status()).isEqualTo(401);
      Response unknown = api("no-such-token").get(path());
      assertThat(unknown.status()).isEqualTo(401);
      assertThat(unknown.detail()).isNotBlank();
    }

    @Test
    void annotators_cannot_read_statistics() {
      Response r = api(data.member(org.organizationId(), "ANNOTATOR")).get(path());
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.detail()).contains("Annotators cannot read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MANAGER", "REVIEWER", "ADMINISTRATOR"})
    void other_roles_may_read(String role) {
      assertThat(api(data.member(org.organizationId(), role)).get(path()).status()).isEqualTo(200);
    }

    @Test
    void another_organizations_project_is_404_exactly_like_a_missing_one() {
      ApiClient stranger = api(data.organization(0, 0, 1, 0).token());
      Response r = stranger.get(path());
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).isEqualTo("Project " + project + " not found in your organization");
      Response missing = stranger.get("/api/projects/2147483647/agreement/statistics/");
      assertThat(missing.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "2147483648", "1.5", "1%27%20OR%201%3D1"})
    void a_project_id_that_is_not_one_is_400(String id) {
      Response r = owner.get("/api/projects/" + id + "/agreement/statistics/");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("project id");
    }
  }

  @Test
  void backfilled_statistics_reproduce_the_published_alpha_and_read_the_same_every_time() {
    List<Long> coders = org.annotatorIds();
    double[][] tone = ReliabilityData.NEWS_TONE;
    for (int unit = 0; unit < tone[0].length; unit++) {
      long task = data.task(project);
      for (int coder = 0; coder < tone.length; coder++) {
        if (!Double.isNaN(tone[coder][unit])) {
          data.annotation(task, project, coders.get(coder), toneResult((int) tone[coder][unit]));
        }
      }
    }
    backfill("{\"project_id\": " + project + "}");
    JsonNode body = owner.get(path()).body();
    assertThat(body.get("computed_at").isNull()).isFalse();
    JsonNode score = body.get("control_tags").get(0);
    JsonNode verdict = body.get("control_tags").get(1);
    assertThat(score.get("name").asString()).isEqualTo("score");
    assertThat(score.get("type").asString()).isEqualTo("Number");
    assertThat(score.get("n_units").asInt()).isEqualTo(40);
    assertThat(score.get("n_raters").asInt()).isEqualTo(5);
    JsonNode alpha = score.get("krippendorff_alpha");
    // Hayes and Krippendorff (2007), Table 1, at the interval level (the Number default).
    assertThat(alpha.get("value").asDouble()).isCloseTo(0.7574, offset(0.00005));
    assertThat(alpha.get("level").asString()).isEqualTo("interval");
    assertThat(alpha.get("n_pairable_values").asInt()).isEqualTo(159);
    assertBrackets(alpha);
    assertThat(verdict.get("krippendorff_alpha").get("value").asDouble())
        .isCloseTo(0.4765, offset(0.00005));
    for (String coefficient : List.of("fleiss_kappa", "gwet_ac1")) {
      assertBrackets(score.get(coefficient));
      assertThat(score.get(coefficient).get("se").asDouble()).isPositive();
    }
    assertThat(score.get("gwet_ac1").get("coefficient").asString()).isEqualTo("AC2");
    assertThat(verdict.get("gwet_ac1").get("coefficient").asString()).isEqualTo("AC1");
    JsonNode cohen = score.get("cohen_kappa");
    assertThat(cohen.get("users")).hasSize(5);
    assertThat(cohen.get("users").get(0).get("email").asString()).contains("@");
    assertThat(cohen.get("matrix").get(0).get(0).asDouble()).isEqualTo(1);
    assertThat(score.get("cohen_kappa_quadratic").get("matrix")).hasSize(5);
    assertThat(verdict.get("cohen_kappa_linear").isNull()).isTrue();
    assertThat(verdict.get("diagnostics").findValuesAsString("code")).contains("low_alpha");

    JsonNode summary = owner.get("/api/projects/" + project + "/agreement/").body();
    JsonNode brief = summary.get("statistics").get("score");
    assertThat(brief.get("krippendorff_alpha").asDouble()).isEqualTo(alpha.get("value").asDouble());
    assertThat(brief.get("gwet_ac1").asDouble())
        .isEqualTo(score.get("gwet_ac1").get("value").asDouble());
    assertThat(summary.get("statistics").propertyNames()).containsExactly("score", "verdict");

    Response csv = owner.get(path() + "?format=csv");
    assertThat(csv.status()).isEqualTo(200);
    String[] lines = csv.raw().split("\n");
    assertThat(lines).hasSize(3);
    List<String> header = List.of(lines[0].split(","));
    List<String> scoreRow = List.of(lines[1].split(",", -1));
    assertThat(scoreRow).hasSameSizeAs(header);
    assertThat(scoreRow.get(header.indexOf("control_tag"))).isEqualTo("score");
    assertThat(Double.parseDouble(scoreRow.get(header.indexOf("krippendorff_alpha"))))
        .isEqualTo(alpha.get("value").asDouble());
    assertThat(Double.parseDouble(scoreRow.get(header.indexOf("gwet_se"))))
        .isEqualTo(score.get("gwet_ac1").get("se").asDouble());
    assertThat(scoreRow.get(header.indexOf("gwet_coefficient"))).isEqualTo("AC2");
    assertThat(lines[2].split(",", -1)[header.indexOf("diagnostics")]).contains("low_alpha");

    assertThat(owner.get(path()).body().get("control_tags")).isEqualTo(body.get("control_tags"));
    backfill("{\"project_id\": " + project + ", \"force\": true}");
    assertThat(owner.get(path()).body().get("control_tags"))
        .as("the bootstrap is seeded by project and tag")
        .isEqualTo(body.get("control_tags"));
  }

  private static void assertBrackets(JsonNode estimate) {
    double value = estimate.get("value").asDouble();
    JsonNode ci = estimate.get("ci95");
    assertThat(ci).hasSize(2);
    assertThat(value).isBetween(ci.get(0).asDouble(), ci.get(1).asDouble());
  }

  private void backfill(String body) {
    Response r = owner.post("/api/dimensions/backfill/", body);
    assertThat(r.body().get("jobs_queued").asInt()).as(r.raw()).isEqualTo(1);
    String status = "/api/dimensions/backfill/status/?job_id=" + r.firstJobId();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> owner.get(status).body().get("status").asString(), "COMPLETED"::equals);
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
}
