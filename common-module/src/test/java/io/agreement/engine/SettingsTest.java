package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.engine.KrippendorffAlpha.Level;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  private static ControlTag tag(String type) {
    return new ControlTag("t", type, List.of("obj"), false, false, List.of("low", "high"));
  }

  @Nested
  class Metrics {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
      "Choices, exact_match",
      "Taxonomy, exact_match",
      "Number, numeric_difference",
      "Rating, numeric_difference",
      "RectangleLabels, iou",
      "Rectangle, iou",
      "PolygonLabels, iou",
      "Polygon, iou",
      "Labels, span_overlap",
      "HyperTextLabels, span_overlap",
      "ParagraphLabels, span_overlap",
      "TimeSeriesLabels, span_overlap",
      "KeyPointLabels, keypoint_distance",
      "KeyPoint, exact_match",
      "TextArea, text_similarity",
      "DateTime, exact_match",
      "Pairwise, exact_match",
      "Ranker, exact_match",
      "BrushLabels, exact_match"
    })
    void default_as_spec_4_2_says(String type, String metric) {
      assertThat(Metric.defaultFor(type).apiName()).isEqualTo(metric);
    }

    @Test
    void allow_exact_match_everywhere_and_jaccard_for_choices_and_taxonomy() {
      assertThat(Metric.allowedFor("Choices"))
          .containsExactlyInAnyOrder(Metric.EXACT_MATCH, Metric.JACCARD);
      assertThat(Metric.allowedFor("Taxonomy"))
          .containsExactlyInAnyOrder(Metric.EXACT_MATCH, Metric.JACCARD);
      assertThat(Metric.allowedFor("Labels"))
          .containsExactlyInAnyOrder(Metric.EXACT_MATCH, Metric.SPAN_OVERLAP);
      assertThat(Metric.allowedFor("Ranker")).containsExactly(Metric.EXACT_MATCH);
    }

    @Test
    void round_trip_their_api_names() {
      for (Metric metric : Metric.values()) {
        assertThat(Metric.fromApiName(metric.apiName())).contains(metric);
      }
      assertThat(Metric.fromApiName("IOU")).isEmpty();
      assertThat(Methodology.fromApiName("consensus")).contains(Methodology.CONSENSUS);
      assertThat(Methodology.fromApiName("majority")).isEmpty();
    }
  }

  @Nested
  class AlphaLevels {

    @ParameterizedTest(name = "{0}: default {1}, allowed {2}")
    @CsvSource(
        delimiter = '|',
        value = {
          "Choices | nominal | nominal ordinal",
          "Rating | interval | nominal ordinal interval ratio",
          "Number | interval | nominal ordinal interval ratio",
          "Labels | | ",
          "TextArea | | ",
          "Taxonomy | | "
        })
    void follow_spec_4_6(String type, String defaultLevel, String allowed) {
      ControlTag tag = tag(type);
      assertThat(TagSettings.defaultsFor(tag).alphaLevel())
          .isEqualTo(defaultLevel == null ? null : Level.fromApiName(defaultLevel).orElseThrow());
      assertThat(Level.allowedFor(tag).stream().map(Level::apiName).toList())
          .isEqualTo(allowed == null ? List.of() : List.of(allowed.split(" ")));
    }

    @Test
    void are_none_for_multiple_choice_and_per_region_tags() {
      ControlTag multiple = new ControlTag("t", "Choices", List.of("obj"), true, false);
      ControlTag perRegion = new ControlTag("t", "Rating", List.of("obj"), false, true);
      assertThat(Level.allowedFor(multiple)).isEmpty();
      assertThat(Level.allowedFor(perRegion)).isEmpty();
      assertThat(TagSettings.defaultsFor(perRegion).alphaLevel()).isNull();
    }

    @Test
    void are_nominal_only_for_choices_the_config_does_not_list() {
      ControlTag dynamic = new ControlTag("t", "Choices", List.of("obj"), false, false);
      assertThat(Level.allowedFor(dynamic)).containsExactly(Level.NOMINAL);
      assertThat(TagSettings.defaultsFor(dynamic).alphaLevel()).isEqualTo(Level.NOMINAL);
    }

    @Test
    void can_be_changed_within_what_the_tag_allows() {
      ControlTag rating = tag("Rating");
      assertThat(
              TagSettings.defaultsFor(rating)
                  .withOverrides(rating, null, null, null, null, "ordinal")
                  .alphaLevel())
          .isEqualTo(Level.ORDINAL);
    }
  }

  @Nested
  class Overrides {

    private final ControlTag choices = tag("Choices");
    private final TagSettings defaults = TagSettings.defaultsFor(choices);

    @Test
    void keep_defaults_for_null_fields() {
      assertThat(defaults.withOverrides(choices, null, null, null, null, null)).isEqualTo(defaults);
      assertThat(defaults)
          .isEqualTo(new TagSettings(Metric.EXACT_MATCH, 0.5, 1, Set.of(), Level.NOMINAL));
    }

    @Test
    void apply_every_field() {
      assertThat(defaults.withOverrides(choices, "jaccard", 0.7, 2.0, List.of("N/A"), null))
          .isEqualTo(new TagSettings(Metric.JACCARD, 0.7, 2, Set.of("N/A"), Level.NOMINAL));
    }

    @Test
    void move_the_default_threshold_with_the_metric() {
      ControlTag textArea = tag("TextArea");
      TagSettings exact =
          TagSettings.defaultsFor(textArea)
              .withOverrides(textArea, "exact_match", null, null, null, null);
      assertThat(exact.threshold()).isEqualTo(0.5);
    }

    @Test
    void refuse_an_unknown_metric() {
      assertThatThrownBy(() -> defaults.withOverrides(choices, "cosine", null, null, null, null))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage(
              "metric 'cosine' is not allowed for tag 't' (Choices); allowed: exact_match,"
                  + " jaccard");
    }

    @Test
    void refuse_a_metric_of_another_tag_type() {
      assertThatThrownBy(() -> defaults.withOverrides(choices, "iou", null, null, null, null))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("metric 'iou' is not allowed");
    }

    @Test
    void refuse_a_threshold_outside_zero_to_one() {
      assertThatThrownBy(() -> defaults.withOverrides(choices, null, 1.5, null, null, null))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage("threshold must be between 0 and 1, got 1.5");
      assertThatThrownBy(() -> defaults.withOverrides(choices, null, Double.NaN, null, null, null))
          .isInstanceOf(InvalidSettingsException.class);
    }

    @Test
    void refuse_an_alpha_level_the_tag_cannot_have() {
      assertThatThrownBy(() -> defaults.withOverrides(choices, null, null, null, null, "interval"))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage(
              "alpha_level 'interval' is not allowed for tag 't' (Choices); allowed: nominal,"
                  + " ordinal");
      assertThatThrownBy(() -> defaults.withOverrides(choices, null, null, null, null, "Ordinal"))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("alpha_level 'Ordinal' is not allowed");
      ControlTag labels = tag("Labels");
      assertThatThrownBy(
              () ->
                  TagSettings.defaultsFor(labels)
                      .withOverrides(labels, null, null, null, null, "nominal"))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage(
              "alpha_level does not apply to tag 't' (Labels): Krippendorff's alpha is computed"
                  + " for single-choice Choices, Rating and Number only");
    }

    @Test
    void refuse_a_stored_alpha_level_that_no_longer_fits_the_tag() {
      ControlTag multiple = new ControlTag("t", "Choices", List.of("obj"), true, false);
      TagSettings ordinal = defaults.withOverrides(choices, null, null, null, null, "ordinal");

      assertThatThrownBy(() -> ordinal.requireAllowedFor(multiple))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("alpha_level does not apply to tag 't' (Choices)");
    }

    @Test
    void refuse_a_negative_or_infinite_weight() {
      assertThatThrownBy(() -> defaults.withOverrides(choices, null, null, -1.0, null, null))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage("weight must be a finite number >= 0, got -1.0");
      assertThatThrownBy(
              () ->
                  defaults.withOverrides(choices, null, null, Double.POSITIVE_INFINITY, null, null))
          .isInstanceOf(InvalidSettingsException.class);
    }
  }
}
