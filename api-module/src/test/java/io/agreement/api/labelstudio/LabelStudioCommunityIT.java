package io.agreement.api.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.AttachedDatabase;
import io.agreement.api.support.PersonalAccessTokens;
import io.agreement.api.support.WorkerProcess;
import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratorOptions;
import io.agreement.common.labelstudio.LabelStudioRows;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service pointed at a real Label Studio Community database (SPEC 7): Label Studio 1.23's
 * schema and rows written as Label Studio writes them, the service running as a role that may only
 * read Label Studio's tables, Label Studio's own legacy tokens and personal access tokens.
 *
 * <p>Organization A keeps legacy tokens on; organization B has them off, as new organizations of
 * Label Studio 1.23 do. In A's project two annotators answered two tasks: Positive/Positive
 * (consensus 1) and Positive/Negative (0), so the project's agreement is 0.5.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabelStudioCommunityIT {

  static final String SECRET = "django-insecure-a-secret-key-of-label-studio-for-tests-0123";
  static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text">
          <Choice value="Positive"/><Choice value="Negative"/>
        </Choices>
      </View>""";

  static final AttachedDatabase DB = AttachedDatabase.community();
  static final JdbcClient LS = JdbcClient.create(DB.labelStudio);
  static final PersonalAccessTokens PATS = new PersonalAccessTokens(LS, SECRET);

  static long orgA;
  static long creatorA;
  static long annotator1;
  static long annotator2;
  static long projectA;
  static long creatorB;
  static List<String> catalogBefore;
  static Map<String, String> contentsBefore;

  @DynamicPropertySource
  static void attach(DynamicPropertyRegistry registry) throws SQLException {
    fillAsLabelStudioDoes();
    catalogBefore = DB.catalog();
    contentsBefore = DB.contents();
    DB.register(registry);
    registry.add("agreement.label-studio.secret-key", () -> SECRET);
    // Configured as a careless compose file would: refused on an attached database.
    registry.add("agreement.bootstrap.email", () -> "bootstrap@example.com");
    registry.add("agreement.bootstrap.token", () -> "bootstrap-token");
  }

  private static void fillAsLabelStudioDoes() throws SQLException {
    try (Connection c = DB.labelStudio.getConnection()) {
      LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now());
      orgA = rows.organization("A");
      creatorA = member(rows, "creator-a@example.com", orgA, "creator-a-token");
      rows.organizationCreator(orgA, creatorA);
      rows.tokenSettings(orgA, true);
      annotator1 = member(rows, "ann1@example.com", orgA, "annotator-1-token");
      annotator2 = member(rows, "ann2@example.com", orgA, "annotator-2-token");
      projectA = rows.project(orgA, "Sentiment", CONFIG, creatorA);
      List<Long> tasks = rows.tasks(projectA, 2, "'{\"text\": \"t\"}'::jsonb");
      rows.annotation(tasks.get(0), projectA, annotator1, choice("Positive"));
      rows.annotation(tasks.get(0), projectA, annotator2, choice("Positive"));
      rows.annotation(tasks.get(1), projectA, annotator1, choice("Positive"));
      rows.annotation(tasks.get(1), projectA, annotator2, choice("Negative"));

      long orgB = rows.organization("B");
      creatorB = member(rows, "creator-b@example.com", orgB, "creator-b-token");
      rows.organizationCreator(orgB, creatorB);
      rows.tokenSettings(orgB, false);
    }
  }

  private static long member(LabelStudioRows rows, String email, long org, String token)
      throws SQLException {
    long user = rows.user(email, org);
    rows.member(user, org, null);
    rows.legacyToken(token, user);
    return user;
  }

  private static String choice(String value) {
    return "[{\"id\":\"r1\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
        + "\"value\":{\"choices\":[\""
        + value
        + "\"]}}]";
  }

  @LocalServerPort int port;

  ApiClient api(String token) {
    return new ApiClient("http://localhost:" + port, token);
  }

  Response bearer(String path, String jwt) {
    return api(null).raw(api(null).request(path).header("Authorization", "Bearer " + jwt).GET());
  }

  Response refresh(String body) {
    return api(null)
        .raw(
            api(null)
                .request("/api/token/refresh/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  String access(String pat) {
    Response r = refresh("{\"refresh\": \"" + pat + "\"}");
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    return r.body().get("access").asString();
  }

  @Test
  @Order(1)
  void the_organizations_creator_backfills_with_a_legacy_token_under_a_read_only_role()
      throws Exception {
    ApiClient creator = api("creator-a-token");
    try (WorkerProcess worker = WorkerProcess.start(DB.env, "attached-1", DB.workerSettings())) {
      Response trigger = creator.post("/api/dimensions/backfill/", "{\"all_projects\": true}");
      assertThat(trigger.status()).as(trigger.raw()).isEqualTo(200);
      assertThat(trigger.body().get("jobs_queued").asInt()).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  "COMPLETED"
                      .equals(
                          creator
                              .get("/api/dimensions/backfill/status/?project_id=" + projectA)
                              .body()
                              .path("status")
                              .asString()));
    }
    Response summary = creator.get("/api/projects/" + projectA + "/agreement/");
    assertThat(summary.status()).isEqualTo(200);
    assertThat(summary.body().get("agreement").asDouble()).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void the_bootstrap_user_and_the_generator_refuse_to_write_into_label_studio() {
    assertThat(api("bootstrap-token").get("/api/dimensions/backfill/status/").status())
        .isEqualTo(401);
    assertThatThrownBy(
            () ->
                new DataGenerator(DB.labelStudio)
                    .generate(new GeneratorOptions(1, 1, 1, 0.5, 0, 1L, "x", null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("belongs to a real Label Studio");
  }

  @Nested
  class LegacyTokens {

    @Test
    void work_as_token_and_as_x_api_key() {
      assertThat(api("creator-a-token").get("/api/dimensions/backfill/status/").status())
          .isEqualTo(200);
      Response viaHeader =
          api(null)
              .raw(
                  api(null)
                      .request("/api/dimensions/backfill/status/")
                      .header("X-API-Key", "creator-a-token")
                      .GET());
      assertThat(viaHeader.status()).isEqualTo(200);
    }

    @Test
    void are_refused_where_the_organization_switched_them_off() {
      Response r = api("creator-b-token").get("/api/dimensions/backfill/status/");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("legacy token authentication has been disabled");
    }
  }

  @Nested
  class PersonalAccessTokensAsTheSdkUsesThem {

    @Test
    void a_pat_is_exchanged_for_an_access_token_that_works_as_bearer_and_as_x_api_key() {
      String access = access(PATS.create(creatorB));
      assertThat(access.split("\\.")).hasSize(3);
      assertThat(bearer("/api/dimensions/backfill/status/", access).status()).isEqualTo(200);
      Response viaHeader =
          api(null)
              .raw(
                  api(null)
                      .request("/api/dimensions/backfill/status/")
                      .header("X-API-Key", access)
                      .GET());
      assertThat(viaHeader.status()).isEqualTo(200);
    }

    @Test
    void the_access_token_has_label_studios_claims() {
      var decoded = com.auth0.jwt.JWT.decode(access(PATS.create(creatorB)));
      assertThat(decoded.getClaim("token_type").asString()).isEqualTo("access");
      assertThat(decoded.getClaim("user_id").asString()).isEqualTo(String.valueOf(creatorB));
      assertThat(decoded.getId()).isNotBlank();
      assertThat(Duration.between(decoded.getIssuedAtAsInstant(), decoded.getExpiresAtAsInstant()))
          .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refresh_answers_without_the_final_slash_too() {
      String pat = PATS.create(creatorB);
      Response r =
          api(null)
              .raw(
                  api(null)
                      .request("/api/token/refresh")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"refresh\": \"" + pat + "\"}")));
      assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void a_revoked_pat_is_refused() {
      String pat = PATS.create(creatorB);
      PATS.blacklist(pat);
      Response r = refresh("{\"refresh\": \"" + pat + "\"}");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("blacklisted");
    }

    @Test
    void a_pat_signed_with_another_key_is_refused() {
      String forged =
          PATS.create(creatorB, Instant.now().plusSeconds(3600), SECRET + "-not", "refresh");
      Response r = refresh("{\"refresh\": \"" + forged + "\"}");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("signature");
      assertThat(bearer("/api/dimensions/backfill/status/", forged).status()).isEqualTo(401);
    }

    @Test
    void an_expired_pat_is_refused() {
      String expired = PATS.create(creatorB, Instant.now().minusSeconds(60), SECRET, "refresh");
      Response r = refresh("{\"refresh\": \"" + expired + "\"}");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.detail()).contains("expired");
    }

    @Test
    void a_refresh_token_sent_as_bearer_and_an_access_token_sent_to_refresh_are_refused() {
      String pat = PATS.create(creatorB);
      Response asBearer = bearer("/api/dimensions/backfill/status/", pat);
      assertThat(asBearer.status()).isEqualTo(401);
      assertThat(asBearer.detail()).contains("wrong type");
      Response refreshed = refresh("{\"refresh\": \"" + access(pat) + "\"}");
      assertThat(refreshed.status()).isEqualTo(401);
      assertThat(refreshed.detail()).contains("wrong type");
    }

    @Test
    void an_inactive_users_pat_is_refused() {
      String pat = PATS.create(annotator2);
      String access = access(pat);
      LS.sql("UPDATE htx_user SET is_active = false WHERE id = :u").param("u", annotator2).update();
      try {
        assertThat(refresh("{\"refresh\": \"" + pat + "\"}").status()).isEqualTo(401);
        assertThat(bearer("/api/projects/" + projectA + "/agreement/", access).status())
            .isEqualTo(401);
      } finally {
        LS.sql("UPDATE htx_user SET is_active = true WHERE id = :u")
            .param("u", annotator2)
            .update();
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "eyJhbGciOiJIUzI1NiJ9.not-base64!.x",
          "a.b.c",
          "eyJhbGciOiJub25lIn0.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwidXNlcl9pZCI6IjEifQ.",
          "eyJ"
        })
    void malformed_and_unsigned_jwts_are_401_with_a_detail(String jwt) {
      Response asBearer = bearer("/api/dimensions/backfill/status/", jwt);
      assertThat(asBearer.status()).isEqualTo(401);
      assertThat(asBearer.detail()).isNotBlank();
      Response refreshed = refresh("{\"refresh\": \"" + jwt + "\"}");
      assertThat(refreshed.status()).isEqualTo(401);
      assertThat(refreshed.detail()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"", "[]", "{}", "{\"refresh\": 1}", "{\"refresh\": \"x\", \"y\": 2}", "{"})
    void a_refresh_body_without_a_token_is_400(String body) {
      Response r = refresh(body);
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
    }
  }

  @Nested
  class Roles {

    @Test
    void community_members_other_than_the_creator_are_annotators_until_granted() {
      ApiClient creator = api("creator-a-token");
      ApiClient annotator = api("annotator-1-token");
      String summary = "/api/projects/" + projectA + "/agreement/";
      assertThat(annotator.get(summary).status()).isEqualTo(403);

      Response granted =
          creator.put("/api/agreement/members/" + annotator1 + "/role/", "{\"role\": \"MANAGER\"}");
      assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
      assertThat(granted.body().get("role").asString()).isEqualTo("MANAGER");
      assertThat(granted.body().get("source").asString()).isEqualTo("grant");
      assertThat(annotator.get(summary).status()).isEqualTo(200);
      assertThat(annotator.post("/api/dimensions/backfill/", "{\"num_projects\": 1}").status())
          .isEqualTo(403);

      Response revoked = creator.delete("/api/agreement/members/" + annotator1 + "/role/");
      assertThat(revoked.status()).isEqualTo(200);
      assertThat(revoked.body().get("source").asString()).isEqualTo("default");
      assertThat(annotator.get(summary).status()).isEqualTo(403);
    }

    @Test
    void the_members_list_says_each_role_and_where_it_comes_from() {
      Response list = api("creator-a-token").get("/api/agreement/members/");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body().get("count").asInt()).isEqualTo(3);
      var first = list.body().get("results").get(0);
      assertThat(first.get("user_id").asLong()).isEqualTo(creatorA);
      assertThat(first.get("role").asString()).isEqualTo("OWNER");
      assertThat(first.get("source").asString()).isEqualTo("creator");
      assertThat(list.body().get("results").get(2).get("source").asString()).isEqualTo("default");
    }

    @Test
    void bad_grants_are_refused_with_a_detail() {
      ApiClient creator = api("creator-a-token");
      String path = "/api/agreement/members/" + annotator2 + "/role/";
      assertThat(creator.put(path, "{\"role\": \"WIZARD\"}").status()).isEqualTo(400);
      assertThat(creator.put(path, "{\"role\": 3}").status()).isEqualTo(400);
      assertThat(creator.put(path, "{}").status()).isEqualTo(400);
      assertThat(creator.put(path, "not json").status()).isEqualTo(400);
      assertThat(
              creator.put("/api/agreement/members/abc/role/", "{\"role\": \"MANAGER\"}").status())
          .isEqualTo(400);
      Response outsider =
          creator.put("/api/agreement/members/" + creatorB + "/role/", "{\"role\": \"MANAGER\"}");
      assertThat(outsider.status()).isEqualTo(404);
      assertThat(outsider.detail()).contains("not an active member");
      Response self =
          creator.put("/api/agreement/members/" + creatorA + "/role/", "{\"role\": \"MANAGER\"}");
      assertThat(self.status()).isEqualTo(400);
      Response annotatorGrants =
          api("annotator-2-token").put(path, "{\"role\": \"ADMINISTRATOR\"}");
      assertThat(annotatorGrants.status()).isEqualTo(403);
    }

    @Test
    void an_administrator_may_grant_up_to_administrator_but_not_owner() {
      ApiClient creator = api("creator-a-token");
      creator.put(
          "/api/agreement/members/" + annotator2 + "/role/", "{\"role\": \"ADMINISTRATOR\"}");
      try {
        ApiClient admin = api("annotator-2-token");
        String path = "/api/agreement/members/" + annotator1 + "/role/";
        Response owner = admin.put(path, "{\"role\": \"OWNER\"}");
        assertThat(owner.status()).isEqualTo(403);
        assertThat(owner.detail()).contains("OWNER");
        assertThat(admin.put(path, "{\"role\": \"REVIEWER\"}").status()).isEqualTo(200);
        assertThat(admin.delete(path).status()).isEqualTo(200);
      } finally {
        creator.delete("/api/agreement/members/" + annotator2 + "/role/");
      }
    }
  }

  /** After every test, the nested ones included. */
  @AfterAll
  static void nothing_of_label_studios_schema_or_rows_changed() {
    assertThat(DB.catalog()).isEqualTo(catalogBefore);
    Map<String, String> after = DB.contents();
    // The inactive-user test flips is_active and back, which Label Studio would do too; PATs
    // and blacklist rows the tests themselves created are Label Studio's own writes, not ours.
    after.remove("token_blacklist_outstandingtoken");
    after.remove("token_blacklist_blacklistedtoken");
    Map<String, String> before = new java.util.LinkedHashMap<>(contentsBefore);
    before.remove("token_blacklist_outstandingtoken");
    before.remove("token_blacklist_blacklistedtoken");
    assertThat(after).isEqualTo(before);
  }
}
