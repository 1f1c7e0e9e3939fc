package io.agreement.api.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.api.support.ApiClient;
import io.agreement.api.support.ApiClient.Response;
import io.agreement.api.support.IntegrationTest;
import io.agreement.common.generate.GeneratedOrganization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** GET dimensions/ and the two settings PATCHes over real HTTP, with what they store. */
class SettingsApiIT extends IntegrationTest {

  static final String CONFIG =
      """
      <View><Text name="text" value="$text"/>
        <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
        <Labels name="entities" toName="text"><Label value="Person"/></Labels>
        <TextArea name="summary" toName="text"/>
        <Rating name="quality" toName="text"/>
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

  private String summary() {
    return "/api/projects/" + project + "/agreement/";
  }

  private String methodology() {
    return "/api/projects/" + project + "/agreement/settings/";
  }

  @Nested
  class ListDimensions {

    @Test
    void lists_every_control_tag_in_config_order_with_its_defaults() {
      Response r = owner.get(dimensions());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().isArray()).isTrue();
      JsonNode dims = r.body();
      assertThat(names(dims)).containsExactly("sentiment", "entities", "summary", "quality");
      JsonNode sentiment = dims.get(0);
      assertThat(sentiment.get("type").asString()).isEqualTo("Choices");
      assertThat(sentiment.get("metric").asString()).isEqualTo("exact_match");
      assertThat(strings(sentiment.get("allowed_metrics")))
          .containsExactly("exact_match", "jaccard");
      assertThat(sentiment.get("threshold").asDouble()).isEqualTo(0.5);
      assertThat(sentiment.get("weight").asDouble()).isEqualTo(1.0);
      assertThat(sentiment.get("excluded_labels")).isEmpty();
      assertThat(dims.get(1).get("metric").asString()).isEqualTo("span_overlap");
      assertThat(dims.get(2).get("threshold").asDouble()).isEqualTo(0.85);
      assertThat(dims.get(3).get("metric").asString()).isEqualTo("numeric_difference");
      assertThat(sentiment.get("alpha_level").asString()).isEqualTo("nominal");
      assertThat(strings(sentiment.get("allowed_alpha_levels")))
          .containsExactly("nominal", "ordinal");
      assertThat(dims.get(1).get("alpha_level").isNull()).isTrue();
      assertThat(dims.get(1).get("allowed_alpha_levels")).isEmpty();
      assertThat(dims.get(3).get("alpha_level").asString()).isEqualTo("interval");
      assertThat(strings(dims.get(3).get("allowed_alpha_levels")))
          .containsExactly("nominal", "ordinal", "interval", "ratio");
    }

    @Test
    void unreadable_config_lists_nothing_and_says_why() {
      long broken =
          data.projectWithConfig(org.organizationId(), "<View><Choices name=\"x\" toName=");
      Response r = owner.get("/api/projects/" + broken + "/dimensions");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().isArray()).isTrue();
      assertThat(r.body()).isEmpty();
      Response settings =
          owner.patch(
              "/api/projects/" + broken + "/agreement/settings/", "{\"agreement_threshold\": 0.5}");
      assertThat(settings.body().get("label_config_error").asString()).isNotBlank();
    }

    @Test
    void stored_settings_that_no_longer_fit_the_tag_are_ignored_like_the_worker_ignores_them() {
      data.jdbc()
          .sql(
              """
              INSERT INTO agreement.tag_settings (project_id, control_tag, metric, weight)
              VALUES (:p, 'quality', 'jaccard', 4)
              """)
          .param("p", project)
          .update();
      JsonNode quality = owner.get(dimensions()).body().get(3);
      assertThat(quality.get("metric").asString()).isEqualTo("numeric_difference");
      assertThat(quality.get("weight").asDouble()).isEqualTo(1.0);
    }

    @Test
    void label_studios_control_weights_are_the_default_weights() {
      data.jdbc()
          .sql("UPDATE project SET control_weights = CAST(:w AS jsonb) WHERE id = :p")
          .param("w", "{\"quality\": {\"type\": \"Rating\", \"overall\": 0.5}}")
          .param("p", project)
          .update();
      assertThat(owner.get(dimensions()).body().get(3).get("weight").asDouble()).isEqualTo(0.5);

      Response heavier = owner.patch(dimensions() + "quality/", "{\"weight\": 2}");
      assertThat(heavier.body().get("weight").asDouble()).isEqualTo(2.0);
      Response reset = owner.patch(dimensions() + "quality/", "{\"weight\": null}");
      assertThat(reset.body().get("weight").asDouble()).isEqualTo(0.5);
    }

    @Test
    void a_stored_alpha_level_that_no_longer_fits_falls_back_alone() {
      data.jdbc()
          .sql(
              """
              INSERT INTO agreement.tag_settings (project_id, control_tag, weight, alpha_level)
              VALUES (:p, 'sentiment', 3, 'ratio')
              """)
          .param("p", project)
          .update();
      JsonNode sentiment = owner.get(dimensions()).body().get(0);
      assertThat(sentiment.get("weight").asDouble()).isEqualTo(3.0);
      assertThat(sentiment.get("alpha_level").asString()).isEqualTo("nominal");
    }
  }

  @Nested
  class PatchDimension {

    @Test
    void changes_only_the_given_fields_and_answers_the_new_settings() {
      Response r =
          owner.patch(
              dimensions() + "sentiment/",
              "{\"metric\": \"jaccard\", \"excluded_labels\": [\"Negative\", \"Positive\", \"Negative\"]}");
      assertThat(r.status()).as(r.raw()).isEqualTo(200);
      assertThat(r.body().get("name").asString()).isEqualTo("sentiment");
      assertThat(r.body().get("metric").asString()).isEqualTo("jaccard");
      assertThat(strings(r.body().get("excluded_labels"))).containsExactly("Negative", "Positive");
      Response weight =
          owner.patch(dimensions() + "sentiment", "{\"weight\": 2.5, \"threshold\": 0}");
      assertThat(weight.body().get("metric").asString()).isEqualTo("jaccard");
      assertThat(weight.body().get("weight").asDouble()).isEqualTo(2.5);
      assertThat(weight.body().get("threshold").asDouble()).isZero();
      assertThat(stored("sentiment"))
          .containsEntry("metric", "jaccard")
          .containsEntry("weight", 2.5)
          .containsEntry("excluded_labels", "[\"Negative\", \"Positive\"]");
      assertThat(owner.get(dimensions() + "sentiment/").body()).isEqualTo(weight.body());
      JsonNode listed = owner.get(dimensions()).body().get(0);
      assertThat(listed.get("weight")).isEqualTo(weight.body().get("weight"));
      assertThat(listed.has("created_by")).isFalse();
    }

    @Test
    void null_puts_a_field_back_to_its_default_and_the_threshold_follows_the_metric() {
      owner.patch(dimensions() + "summary/", "{\"threshold\": 0.6, \"weight\": 0}");
      Response reset = owner.patch(dimensions() + "summary/", "{\"threshold\": null}");
      assertThat(reset.body().get("threshold").asDouble()).isEqualTo(0.85);
      assertThat(reset.body().get("weight").asDouble()).isZero();
      Response exact = owner.patch(dimensions() + "summary/", "{\"metric\": \"exact_match\"}");
      assertThat(exact.body().get("threshold").asDouble()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"metric\": \"iou\"}",
          "{\"metric\": \"EXACT_MATCH\"}",
          "{\"metric\": \"x' OR '1'='1\"}",
          "{\"metric\": 3}",
          "{\"metric\": {\"name\": \"jaccard\"}}",
          "{\"threshold\": 1.5}",
          "{\"threshold\": -0.1}",
          "{\"threshold\": \"0.5\"}",
          "{\"threshold\": \"NaN\"}",
          "{\"threshold\": 1e400}",
          "{\"threshold\": true}",
          "{\"threshold\": [0.5]}",
          "{\"weight\": -1}",
          "{\"weight\": 1e308}",
          "{\"weight\": 99999999999999999999999999}",
          "{\"weight\": \"heavy\"}",
          "{\"excluded_labels\": \"Negative\"}",
          "{\"excluded_labels\": [1, 2]}",
          "{\"excluded_labels\": [[\"Negative\"]]}",
          "{\"excluded_labels\": [null]}",
          "{\"excluded_labels\": {\"label\": \"Negative\"}}",
          "{\"excluded_labels\": [{\"a\": 1}]}",
          "{\"colour\": \"red\"}",
          "{\"metric\": \"jaccard\", \"extra\": {\"nested\": {}}}",
          "{}",
          "[]",
          "null",
          "\"metric\"",
          "42",
          "{\"metric\": ",
          "{'metric': 'jaccard'}",
          "{\"threshold\": NaN}",
          "{\"alpha_level\": \"cardinal\"}",
          "{\"alpha_level\": \"ORDINAL\"}",
          "{\"alpha_level\": 2}",
          "{\"alpha_level\": [\"ordinal\"]}",
          "{\"alpha_level\": \"interval\"}",
          ""
        })
    void invalid_changes_are_400_with_a_detail_and_change_nothing(String body) {
      Response r = owner.patch(dimensions() + "sentiment/", body);
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.detail()).isNotBlank().doesNotContain("Exception");
      assertThat(storedRows()).isZero();
    }

    @Test
    void a_label_postgresql_cannot_store_is_400_not_503() {
      Response r =
          owner.patch(dimensions() + "sentiment/", "{\"excluded_labels\": [\"a\\u0000b\"]}");
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.detail()).contains("cannot be stored");
      assertThat(storedRows()).isZero();
    }

    @Test
    void the_alpha_level_can_be_set_within_what_the_tag_allows_and_reset_with_null() {
      Response ordinal = owner.patch(dimensions() + "quality/", "{\"alpha_level\": \"ordinal\"}");
      assertThat(ordinal.status()).as(ordinal.raw()).isEqualTo(200);
      assertThat(ordinal.body().get("alpha_level").asString()).isEqualTo("ordinal");
      assertThat(stored("quality")).containsEntry("alpha_level", "ordinal");

      Response reset = owner.patch(dimensions() + "quality/", "{\"alpha_level\": null}");
      assertThat(reset.body().get("alpha_level").asString()).isEqualTo("interval");
    }

    @Test
    void an_alpha_level_the_tag_cannot_have_is_400_naming_the_allowed_ones() {
      Response interval =
          owner.patch(dimensions() + "sentiment/", "{\"alpha_level\": \"interval\"}");
      assertThat(interval.status()).isEqualTo(400);
      assertThat(interval.detail()).contains("allowed: nominal, ordinal");

      Response spans = owner.patch(dimensions() + "entities/", "{\"alpha_level\": \"nominal\"}");
      assertThat(spans.status()).isEqualTo(400);
      assertThat(spans.detail()).contains("alpha_level does not apply to tag 'entities'");
      assertThat(storedRows()).isZero();
    }

    @Test
    void metric_not_allowed_names_the_allowed_ones() {
      Response r = owner.patch(dimensions() + "quality/", "{\"metric\": \"jaccard\"}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("allowed: exact_match, numeric_difference");
    }

    @Test
    void huge_body_is_400() {
      String labels = "\"" + "x".repeat(400) + "\",";
      Response r =
          owner.patch(
              dimensions() + "sentiment/",
              "{\"excluded_labels\": [" + labels.repeat(200) + "\"y\"]}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("larger than");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "Sentiment", "text", "sentiment%27%20OR%20%271%27%3D%271"})
    void unknown_tag_is_404_naming_the_tags(String tag) {
      Response r = owner.patch(dimensions() + tag + "/", "{\"weight\": 2}");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.detail()).contains("sentiment, entities, summary, quality");
    }

    @Test
    void unreadable_config_is_409() {
      long broken =
          data.projectWithConfig(org.organizationId(), "<View><Choices name=\"x\" toName=");
      Response r = owner.patch("/api/projects/" + broken + "/dimensions/x/", "{\"weight\": 2}");
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.detail()).contains("label config");
    }
  }

  @Nested
  class StableIds {

    @Test
    void ids_survive_config_edits_while_the_tag_exists() {
      JsonNode before = owner.get(dimensions()).body();
      long sentiment = before.get(0).get("id").asLong();
      long quality = before.get(3).get("id").asLong();
      assertThat(before.get(1).get("id").asLong()).isGreaterThan(sentiment);
      data.jdbc()
          .sql("UPDATE project SET label_config = :c WHERE id = :p")
          .param(
              "c",
              CONFIG.replace(
                  "<TextArea name=\"summary\" toName=\"text\"/>",
                  "<Number name=\"score\" toName=\"text\"/>"))
          .param("p", project)
          .update();
      JsonNode after = owner.get(dimensions()).body();
      assertThat(names(after)).containsExactly("sentiment", "entities", "score", "quality");
      assertThat(after.get(0).get("id").asLong()).isEqualTo(sentiment);
      assertThat(after.get(3).get("id").asLong()).isEqualTo(quality);
      assertThat(after.get(2).get("id").asLong()).isGreaterThan(quality);
      assertThat(after.get(3).get("order").asInt()).isEqualTo(3);
    }

    @Test
    void patch_by_id_and_is_active() {
      long quality = owner.get(dimensions()).body().get(3).get("id").asLong();
      Response off = owner.patch(dimensions() + quality + "/", "{\"is_active\": false}");
      assertThat(off.status()).as(off.raw()).isEqualTo(200);
      assertThat(off.body().get("name").asString()).isEqualTo("quality");
      assertThat(off.body().get("weight").asDouble()).isEqualTo(0);
      assertThat(off.body().get("is_active").asBoolean()).isFalse();
      Response on = owner.patch(dimensions() + quality + "/", "{\"is_active\": true}");
      assertThat(on.body().get("weight").asDouble()).isEqualTo(1);
      assertThat(owner.get(dimensions() + quality + "/").body().get("is_active").asBoolean())
          .isTrue();
      assertThat(owner.patch(dimensions() + "999999/", "{\"weight\": 2}").status()).isEqualTo(404);
    }
  }

  @Nested
  class AgreementThreshold {

    @Test
    void is_stored_next_to_the_methodology_and_validated() {
      assertThat(
              owner
                  .patch(methodology(), "{\"methodology\": \"pairwise\"}")
                  .body()
                  .get("agreement_threshold")
                  .asDouble())
          .isEqualTo(0.5);
      Response set = owner.patch(methodology(), "{\"agreement_threshold\": 0.25}");
      assertThat(set.body().get("agreement_threshold").asDouble()).isEqualTo(0.25);
      assertThat(set.body().get("methodology").asString()).isEqualTo("pairwise");
      for (String bad : List.of("-0.1", "1.01", "\"high\"", "true", "[0.5]")) {
        Response r = owner.patch(methodology(), "{\"agreement_threshold\": " + bad + "}");
        assertThat(r.status()).as(bad).isEqualTo(400);
        assertThat(r.detail()).contains("agreement_threshold");
      }
    }
  }

  @Nested
  class PatchMethodology {

    @Test
    void switches_the_methodology_and_answers_the_settings() {
      Response r = owner.patch(methodology(), "{\"methodology\": \"pairwise\"}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("methodology").asString()).isEqualTo("pairwise");
      assertThat(r.body().get("dimensions")).hasSize(4);
      assertThat(owner.get(summary()).body().get("methodology").asString()).isEqualTo("pairwise");
      assertThat(
              owner
                  .patch(
                      "/api/projects/" + project + "/agreement/settings",
                      "{\"methodology\": \"consensus\"}")
                  .body()
                  .get("methodology")
                  .asString())
          .isEqualTo("consensus");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"methodology\": \"majority\"}",
          "{\"methodology\": \"PAIRWISE\"}",
          "{\"methodology\": null}",
          "{\"methodology\": 1}",
          "{\"methodology\": [\"pairwise\"]}",
          "{\"methodology\": \"pairwise\", \"metric\": \"iou\"}",
          "{}",
          "[]",
          "{\"methodology\": ",
          ""
        })
    void invalid_bodies_are_400(String body) {
      Response r = owner.patch(methodology(), body);
      assertThat(r.status()).as(r.raw()).isEqualTo(400);
      assertThat(r.detail()).isNotBlank();
      assertThat(owner.get(summary()).body().get("methodology").asString()).isEqualTo("consensus");
    }
  }

  @Nested
  class Access {

    @ParameterizedTest
    @ValueSource(strings = {"MANAGER", "REVIEWER", "ANNOTATOR"})
    void only_owners_and_administrators_may_change_settings(String role) {
      ApiClient member = api(data.member(org.organizationId(), role));
      Response tag = member.patch(dimensions() + "sentiment/", "{\"weight\": 2}");
      assertThat(tag.status()).isEqualTo(403);
      assertThat(tag.detail()).contains("OWNER or ADMINISTRATOR");
      assertThat(member.patch(methodology(), "{\"methodology\": \"pairwise\"}").status())
          .isEqualTo(403);
      assertThat(storedRows()).isZero();
    }

    @Test
    void administrator_may_change_settings_and_manager_may_read_them() {
      ApiClient admin = api(data.member(org.organizationId(), "ADMINISTRATOR"));
      assertThat(admin.patch(dimensions() + "sentiment/", "{\"weight\": 2}").status())
          .isEqualTo(200);
      ApiClient manager = api(data.member(org.organizationId(), "MANAGER"));
      assertThat(manager.get(dimensions()).body().get(0).get("weight").asDouble()).isEqualTo(2.0);
    }

    @Test
    void annotators_cannot_read_settings() {
      ApiClient annotator = api(data.member(org.organizationId(), "ANNOTATOR"));
      assertThat(annotator.get(dimensions()).status()).isEqualTo(403);
    }

    @Test
    void another_organizations_or_a_deleted_project_is_404_like_a_missing_one() {
      ApiClient stranger = api(data.organization(0, 0, 1, 0).token());
      String expected = "Project " + project + " not found in your organization";
      assertThat(stranger.get(dimensions()).detail()).isEqualTo(expected);
      Response tag = stranger.patch(dimensions() + "sentiment/", "{\"weight\": 2}");
      assertThat(tag.status()).isEqualTo(404);
      assertThat(tag.detail()).isEqualTo(expected);
      assertThat(stranger.patch(methodology(), "{\"methodology\": \"pairwise\"}").status())
          .isEqualTo(404);
      assertThat(storedRows()).isZero();
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = :p")
          .param("p", project)
          .update();
      assertThat(owner.get(dimensions()).status()).isEqualTo(404);
      assertThat(owner.patch(methodology(), "{\"methodology\": \"pairwise\"}").status())
          .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"abc", "0", "-1", "2147483648", "99999999999999999999", "NaN", "1%3B%20DROP"})
    void bad_project_ids_are_400(String id) {
      assertThat(owner.get("/api/projects/" + id + "/dimensions/").status()).isEqualTo(400);
      Response r = owner.patch("/api/projects/" + id + "/dimensions/sentiment/", "{\"weight\": 2}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.detail()).contains("project id");
      assertThat(
              owner
                  .patch(
                      "/api/projects/" + id + "/agreement/settings/",
                      "{\"methodology\": \"pairwise\"}")
                  .status())
          .isEqualTo(400);
    }

    @Test
    void get_on_the_settings_path_is_405_not_500() {
      assertThat(owner.get(methodology()).status()).isEqualTo(405);
    }
  }

  private Map<String, Object> stored(String tag) {
    return data.jdbc()
        .sql(
            """
            SELECT metric, threshold, weight, excluded_labels::text AS excluded_labels, alpha_level
            FROM agreement.tag_settings WHERE project_id = :p AND control_tag = :t
            """)
        .param("p", project)
        .param("t", tag)
        .query()
        .singleRow();
  }

  private long storedRows() {
    return data.jdbc()
        .sql("SELECT count(*) FROM agreement.tag_settings WHERE project_id = :p")
        .param("p", project)
        .query(Long.class)
        .single();
  }

  private static List<String> names(JsonNode dims) {
    return dims.valueStream().map(d -> d.get("name").asString()).toList();
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }
}
