package io.agreement.api.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The {@code alpha_distance} setting of set-valued tags (SPEC 4.7) through dimensions/. */
class AlphaDistanceSettingIT extends IntegrationTest {

  private static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
        <Choices name="topics" toName="text" choice="multiple"><Choice value="a"/><Choice value="b"/></Choices>
        <Taxonomy name="tree" toName="text"/>
      </View>""";

  private GeneratedOrganization org;
  private ApiClient owner;
  private long project;

  @BeforeEach
  void project() {
    org = data.organization(0, 0, 1, 0);
    owner = api(org.token());
    project = data.projectWithConfig(org.organizationId(), CONFIG);
  }

  private String dimensions() {
    return "/api/projects/" + project + "/dimensions/";
  }

  private JsonNode dimension(int index) {
    return owner.get(dimensions()).body().get(index);
  }

  @Test
  void set_valued_tags_default_to_jaccard_and_list_both_distances() {
    for (int tag : new int[] {1, 2}) {
      assertThat(dimension(tag).get("alpha_distance").asString()).isEqualTo("jaccard");
      assertThat(strings(dimension(tag).get("allowed_alpha_distances")))
          .containsExactly("jaccard", "masi");
    }
    assertThat(dimension(0).get("alpha_distance").isNull()).isTrue();
    assertThat(dimension(0).get("allowed_alpha_distances")).isEmpty();
  }

  @Test
  void masi_is_stored_shown_and_reset_with_null() {
    Response masi = owner.patch(dimensions() + "topics/", "{\"alpha_distance\": \"masi\"}");
    assertThat(masi.status()).as(masi.raw()).isEqualTo(200);
    assertThat(masi.body().get("alpha_distance").asString()).isEqualTo("masi");
    assertThat(dimension(1).get("alpha_distance").asString()).isEqualTo("masi");
    assertThat(
            data.jdbc()
                .sql(
                    "SELECT alpha_distance FROM agreement.tag_settings"
                        + " WHERE project_id = :p AND control_tag = 'topics'")
                .param("p", project)
                .query(String.class)
                .single())
        .isEqualTo("masi");
    Response reset = owner.patch(dimensions() + "topics/", "{\"alpha_distance\": null}");
    assertThat(reset.body().get("alpha_distance").asString()).isEqualTo("jaccard");
  }

  @Test
  void an_unknown_distance_is_400_naming_the_allowed_ones() {
    Response r = owner.patch(dimensions() + "tree/", "{\"alpha_distance\": \"euclid\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail())
        .isEqualTo(
            "alpha_distance 'euclid' is not allowed for tag 'tree' (Taxonomy); allowed: jaccard,"
                + " masi");
  }

  @Test
  void a_distance_for_a_tag_that_is_not_set_valued_is_400() {
    Response r = owner.patch(dimensions() + "sentiment/", "{\"alpha_distance\": \"masi\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).contains("alpha_distance does not apply to tag 'sentiment'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "true", "[\"masi\"]", "{\"name\": \"masi\"}"})
  void a_distance_that_is_not_a_name_is_400(String value) {
    Response r = owner.patch(dimensions() + "topics/", "{\"alpha_distance\": " + value + "}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.detail()).startsWith("alpha_distance must be a distance name");
  }

  @Test
  void annotators_cannot_change_it() {
    ApiClient annotator = api(data.member(org.organizationId(), "ANNOTATOR"));
    Response r = annotator.patch(dimensions() + "topics/", "{\"alpha_distance\": \"masi\"}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.detail()).isNotBlank();
  }

  @Test
  void a_stored_distance_that_no_longer_fits_falls_back_alone() {
    data.jdbc()
        .sql(
            """
            INSERT INTO agreement.tag_settings (project_id, control_tag, weight, alpha_distance)
            VALUES (:p, 'sentiment', 3, 'masi')
            """)
        .param("p", project)
        .update();
    JsonNode sentiment = dimension(0);
    assertThat(sentiment.get("alpha_distance").isNull()).isTrue();
    assertThat(sentiment.get("weight").asDouble()).isEqualTo(3.0);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
