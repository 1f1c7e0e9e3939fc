package io.agreement.api.labelstudio;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.AttachedDatabase;
import io.agreement.common.labelstudio.LabelStudioRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a Label Studio Enterprise database (SPEC 7): the member role column decides, in
 * Enterprise's codes or spelled out, unless the service granted a role. The owner here is not the
 * organization's creator, so only the column can make them OWNER.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LabelStudioEnterpriseIT {

  static final AttachedDatabase DB = AttachedDatabase.enterprise();
  static final Map<String, Long> USERS = new LinkedHashMap<>();
  static long org;
  static long project;
  static List<String> catalogBefore;

  @DynamicPropertySource
  static void attach(DynamicPropertyRegistry registry) throws SQLException {
    try (Connection c = DB.labelStudio.getConnection()) {
      LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now());
      org = rows.organization("Enterprise");
      rows.tokenSettings(org, true);
      for (String role :
          List.of("OW", "AD", "MA", "RE", "AN", "DI", "NO", "VO", "Administrator", "XX")) {
        long user = rows.user(role.toLowerCase() + "@example.com", org);
        rows.member(user, org, role);
        rows.legacyToken("token-" + role, user);
        USERS.put(role, user);
      }
      project = rows.project(org, "p", "<View/>", null);
    }
    catalogBefore = DB.catalog();
    DB.register(registry);
  }

  @LocalServerPort int port;

  ApiClient as(String role) {
    return new ApiClient("http://localhost:" + port, "token-" + role);
  }

  @ParameterizedTest
  @CsvSource({
    "OW, 200, 200",
    "AD, 200, 200",
    "Administrator, 200, 200",
    "MA, 403, 200",
    "VO, 403, 200",
    "RE, 403, 200",
    "AN, 403, 403"
  })
  void enterprise_roles_decide_what_a_member_may_do(String role, int trigger, int read) {
    assertThat(as(role).get("/api/dimensions/backfill/jobs/").status()).isEqualTo(trigger);
    assertThat(as(role).get("/api/projects/" + project + "/dimensions/").status()).isEqualTo(read);
  }

  @ParameterizedTest
  @CsvSource({"DI, deactivated", "NO, not activated", "XX, 'XX'"})
  void deactivated_not_activated_and_unknown_members_have_no_access(String role, String why) {
    Response r = as(role).get("/api/projects/" + project + "/dimensions/");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.detail()).contains(why);
  }

  @Test
  void a_grant_of_the_service_comes_before_enterprises_role() {
    String path = "/api/agreement/members/" + USERS.get("AN") + "/role/";
    assertThat(as("OW").put(path, "{\"role\": \"ADMINISTRATOR\"}").status()).isEqualTo(200);
    try {
      assertThat(as("AN").get("/api/dimensions/backfill/jobs/").status()).isEqualTo(200);
    } finally {
      as("OW").delete(path);
    }
    assertThat(as("AN").get("/api/dimensions/backfill/jobs/").status()).isEqualTo(403);
  }

  @Test
  void the_members_list_shows_enterprises_role_and_its_source() {
    Response list = as("OW").get("/api/agreement/members/?page_size=100");
    assertThat(list.status()).isEqualTo(200);
    Map<String, String> roles = new LinkedHashMap<>();
    list.body()
        .get("results")
        .forEach(
            m ->
                roles.put(
                    m.get("label_studio_role").asString(),
                    m.get("role").isNull()
                        ? "none"
                        : m.get("role").asString() + "/" + m.get("source").asString()));
    assertThat(roles)
        .containsEntry("OW", "OWNER/label_studio")
        .containsEntry("VO", "MANAGER/label_studio")
        .containsEntry("DI", "none")
        .containsEntry("AN", "ANNOTATOR/label_studio");
  }

  @AfterAll
  static void label_studios_schema_is_unchanged() {
    assertThat(DB.catalog()).isEqualTo(catalogBefore);
  }
}
