package io.agreement.api.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.api.web.ApiException;
import io.agreement.engine.ControlTag;
import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.Metric;
import io.agreement.engine.TagSettings;
import io.agreement.engine.stats.SetDistance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class TagPatchTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ControlTag CHOICES =
      new ControlTag(
          "sentiment", "Choices", List.of("text"), false, false, List.of("Positive", "Negative"));
  private static final ControlTag TEXT =
      new ControlTag("summary", "TextArea", List.of("text"), false, false);

  private static TagPatch patch(String body) {
    return TagPatch.from(JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class Reading {

    @Test
    void remembers_which_fields_were_sent_including_nulls() {
      TagPatch p = patch("{\"threshold\": null, \"weight\": 2}");
      assertThat(p.given()).containsExactlyInAnyOrder("threshold", "weight");
      assertThat(p.threshold()).isNull();
      assertThat(p.weight()).isEqualTo(2.0);
    }

    @Test
    void drops_duplicate_labels_keeping_their_order() {
      assertThat(patch("{\"excluded_labels\": [\"b\", \"a\", \"b\"]}").excludedLabels())
          .containsExactly("b", "a");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"weight\": 1000001}",
          "{\"weight\": 1e400}",
          "{\"threshold\": \"0.5\"}",
          "{\"excluded_labels\": \"a\"}",
          "{\"excluded_labels\": [1]}",
          "{\"metric\": false}",
          "{\"alpha_level\": 1}",
          "{\"alpha_level\": [\"ordinal\"]}",
          "{\"other\": 1}",
          "{}",
          "[1]",
          "{"
        })
    void refuses_what_is_not_a_setting(String body) {
      assertThatThrownBy(() -> patch(body))
          .isInstanceOf(ApiException.class)
          .extracting(e -> ((ApiException) e).status().value())
          .isEqualTo(400);
    }

    @Test
    void refuses_a_label_longer_than_the_limit() {
      String label = "x".repeat(TagPatch.MAX_TEXT + 1);
      assertThatThrownBy(() -> patch("{\"excluded_labels\": [\"" + label + "\"]}"))
          .hasMessageContaining("at most " + TagPatch.MAX_TEXT);
    }
  }

  @Nested
  class Merging {

    @Test
    void keeps_stored_fields_that_were_not_sent_and_resets_those_sent_as_null() {
      TagOverrides stored = new TagOverrides("jaccard", 0.7, 3.0, List.of("Neutral"), "ordinal");
      TagOverrides merged = stored.with(patch("{\"threshold\": null, \"weight\": 0}"));
      assertThat(merged)
          .isEqualTo(new TagOverrides("jaccard", null, 0.0, List.of("Neutral"), "ordinal"));
      assertThat(merged.applyTo(CHOICES, TagSettings.defaultsFor(CHOICES)))
          .isEqualTo(
              new TagSettings(
                  Metric.JACCARD, 0.5, 0, Set.of("Neutral"), KrippendorffAlpha.Level.ORDINAL));
      assertThat(
              merged
                  .with(patch("{\"alpha_level\": null}"))
                  .applyTo(CHOICES, TagSettings.defaultsFor(CHOICES))
                  .alphaLevel())
          .isEqualTo(KrippendorffAlpha.Level.NOMINAL);
    }

    @Test
    void overrides_that_no_longer_fit_the_tag_are_dropped_whole() {
      TagOverrides stored = new TagOverrides("jaccard", 0.7, 3.0, null, null);
      assertThat(stored.usableFor(TEXT, TagSettings.defaultsFor(TEXT)))
          .isEqualTo(TagOverrides.NONE);
      assertThat(stored.usableFor(CHOICES, TagSettings.defaultsFor(CHOICES))).isSameAs(stored);
    }

    @Test
    void an_alpha_level_alone_that_no_longer_fits_goes_back_to_its_default_keeping_the_rest() {
      TagOverrides stored = new TagOverrides("jaccard", 0.7, 3.0, List.of("Neutral"), "ordinal");
      ControlTag dynamic = new ControlTag("sentiment", "Choices", List.of("text"), false, false);
      ControlTag multiple = new ControlTag("sentiment", "Choices", List.of("text"), true, false);

      assertThat(stored.usableFor(dynamic, TagSettings.defaultsFor(dynamic)))
          .isEqualTo(new TagOverrides("jaccard", 0.7, 3.0, List.of("Neutral"), null));
      assertThat(
              stored
                  .usableFor(dynamic, TagSettings.defaultsFor(dynamic))
                  .applyTo(dynamic, TagSettings.defaultsFor(dynamic))
                  .alphaLevel())
          .isEqualTo(KrippendorffAlpha.Level.NOMINAL);
      assertThat(
              stored
                  .usableFor(multiple, TagSettings.defaultsFor(multiple))
                  .applyTo(multiple, TagSettings.defaultsFor(multiple)))
          .isEqualTo(
              new TagSettings(
                  Metric.JACCARD, 0.7, 3.0, Set.of("Neutral"), null, SetDistance.JACCARD));
      assertThat(stored.usableFor(CHOICES, TagSettings.defaultsFor(CHOICES))).isSameAs(stored);
    }

    @Test
    void a_default_threshold_follows_the_metric() {
      TagOverrides toExact = TagOverrides.NONE.with(patch("{\"metric\": \"exact_match\"}"));
      assertThat(toExact.applyTo(TEXT, TagSettings.defaultsFor(TEXT)).threshold()).isEqualTo(0.5);
      assertThat(TagOverrides.NONE.applyTo(TEXT, TagSettings.defaultsFor(TEXT)).threshold())
          .isEqualTo(0.85);
    }
  }
}
