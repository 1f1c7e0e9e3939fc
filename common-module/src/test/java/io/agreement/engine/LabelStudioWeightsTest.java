package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelStudioWeightsTest {

  @Test
  void reads_each_tags_overall_weight_as_label_studio_stores_it() {
    String stored =
        """
        {"sentiment": {"type": "Choices", "labels": {"Positive": 1.0}, "overall": 0.5},
         "quality": {"type": "Rating", "overall": 0},
         "summary": {"type": "TextArea", "labels": {}}}
        """;

    assertThat(LabelStudioWeights.parse(stored))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sentiment", 0.5, "quality", 0.0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{}",
        "null",
        "[1, 2]",
        "{\"t\": 2}",
        "{\"t\": {\"overall\": \"2\"}}",
        "{\"t\": {\"overall\": -1}}",
        "{\"t\": {\"overall\": 1e400}}",
        "{\"t\": {\"overall\": 2000000}}",
        "{not json"
      })
  void leaves_out_what_is_not_a_usable_weight(String stored) {
    assertThat(LabelStudioWeights.parse(stored)).isEmpty();
  }

  @Test
  void gives_a_tags_defaults_its_weight() {
    ControlTag tag = new ControlTag("sentiment", "Choices", List.of("text"), false, false);
    assertThat(TagSettings.defaultsFor(tag, Map.of("sentiment", 0.5)).weight()).isEqualTo(0.5);
    assertThat(TagSettings.defaultsFor(tag, Map.of("other", 0.5)))
        .isEqualTo(TagSettings.defaultsFor(tag));
  }
}
