package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.engine.stats.SetDistance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code alpha_distance}: a setting of set-valued tags, validated like the others. */
class AlphaDistanceSettingTest {

  private static final ControlTag MULTI =
      new ControlTag("topics", "Choices", List.of("text"), true, false, List.of("a", "b"));
  private static final ControlTag TAXONOMY =
      new ControlTag("tree", "Taxonomy", List.of("text"), false, false);
  private static final ControlTag SINGLE =
      new ControlTag("sentiment", "Choices", List.of("text"), false, false, List.of("a", "b"));

  private static TagSettings withDistance(ControlTag tag, String distance) {
    return TagSettings.defaultsFor(tag).withOverrides(tag, null, null, null, null, null, distance);
  }

  @Test
  void is_jaccard_by_default_for_set_valued_tags_and_absent_for_others() {
    assertThat(TagSettings.defaultsFor(MULTI).alphaDistance()).isEqualTo(SetDistance.JACCARD);
    assertThat(TagSettings.defaultsFor(TAXONOMY).alphaDistance()).isEqualTo(SetDistance.JACCARD);
    assertThat(TagSettings.defaultsFor(SINGLE).alphaDistance()).isNull();
  }

  @Test
  void takes_masi_for_a_set_valued_tag() {
    assertThat(withDistance(MULTI, "masi").alphaDistance()).isEqualTo(SetDistance.MASI);
    assertThat(withDistance(TAXONOMY, "jaccard").alphaDistance()).isEqualTo(SetDistance.JACCARD);
  }

  @Test
  void refuses_an_unknown_distance_naming_the_allowed_ones() {
    assertThatThrownBy(() -> withDistance(MULTI, "euclid"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "alpha_distance 'euclid' is not allowed for tag 'topics' (Choices); allowed: jaccard,"
                + " masi");
  }

  @Test
  void refuses_a_distance_for_a_tag_that_is_not_set_valued() {
    assertThatThrownBy(() -> withDistance(SINGLE, "masi"))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("alpha_distance does not apply to tag 'sentiment' (Choices)");
  }

  @Test
  void drops_a_stored_distance_the_tag_can_no_longer_have() {
    assertThat(AlphaDistances.applicable(MULTI, "masi")).isEqualTo("masi");
    assertThat(AlphaDistances.applicable(SINGLE, "masi")).isNull();
    assertThat(AlphaDistances.applicable(MULTI, "nonsense")).isNull();
  }

  @Test
  void gives_the_statistics_of_a_tag_its_distance() {
    LabelConfig config =
        LabelConfig.parse(
            Scoring.view("<Choices name=\"topics\" toName=\"obj\" choice=\"multiple\"/>"));
    ControlTag topics = config.controlTag("topics").orElseThrow();
    ProjectScorer scorer =
        new ProjectScorer(
            config,
            Methodology.CONSENSUS,
            java.util.Map.of("topics", withDistance(topics, "masi")));
    ProjectStatistics statistics = new ProjectStatistics(scorer, 1);
    assertThat(statistics.compute().get(0).statistics().krippendorffAlpha().distance())
        .isEqualTo("masi");
  }
}
