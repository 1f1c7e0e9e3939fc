package io.agreement.engine;

import static io.agreement.engine.Results.box;
import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.number;
import static io.agreement.engine.Results.result;
import static io.agreement.engine.Results.span;
import static io.agreement.engine.Results.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SPEC 4.5: the worked examples must hold exactly. */
class WorkedExamplesTest {

  private static final String CHOICES =
      Scoring.view(
          "<Choices name=\"sentiment\" toName=\"obj\"><Choice value=\"Positive\"/></Choices>");

  private static String fourDecimals(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  @Nested
  class ChoicesOfThreeAnnotators {

    @Test
    void positive_positive_negative_is_a_third_pairwise() {
      double score =
          new Scoring(CHOICES, Methodology.PAIRWISE)
              .tagScore(0, positive(), positive(), choice("Negative"));
      assertThat(score).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(fourDecimals(score)).isEqualTo("0.3333");
    }

    @Test
    void positive_positive_negative_is_two_thirds_by_consensus() {
      double score =
          new Scoring(CHOICES, Methodology.CONSENSUS)
              .tagScore(0, positive(), positive(), choice("Negative"));
      assertThat(score).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void positive_negative_neutral_is_zero_both_ways() {
      for (Methodology methodology : Methodology.values()) {
        double score =
            new Scoring(CHOICES, methodology)
                .tagScore(0, positive(), choice("Negative"), choice("Neutral"));
        assertThat(score).as(methodology.apiName()).isZero();
      }
    }

    private String positive() {
      return choice("Positive");
    }

    private String choice(String value) {
      return result(choices("sentiment", value));
    }
  }

  @Nested
  class Rectangles {

    private static final String CONFIG =
        "<View><Image name=\"image\" value=\"$image\"/>"
            + "<RectangleLabels name=\"bbox\" toName=\"image\"><Label value=\"Car\"/>"
            + "</RectangleLabels></View>";

    private final String a = result(box("bbox", "Car", 0, 0, 10, 10));
    private final String b = result(box("bbox", "Car", 5, 0, 10, 10));

    @Test
    void overlapping_by_half_a_box_have_an_iou_of_a_third() {
      double score = new Scoring(CONFIG, Methodology.PAIRWISE).tagScore(0, a, b);
      assertThat(score).isCloseTo(50.0 / 150, within(1e-12));
      assertThat(fourDecimals(score)).isEqualTo("0.3333");
    }

    @Test
    void do_not_agree_at_a_threshold_of_one_half() {
      ControlTag tag = LabelConfig.parse(CONFIG).controlTag("bbox").orElseThrow();
      TagSettings settings = TagSettings.defaultsFor(tag);
      assertThat(settings.threshold()).isEqualTo(0.5);
      double score =
          new Scoring(CONFIG, Methodology.CONSENSUS, Map.of("bbox", settings)).tagScore(0, a, b);
      assertThat(score).isZero();
    }
  }

  @Test
  void spans_zero_to_ten_and_five_to_fifteen_overlap_by_a_third() {
    String config =
        Scoring.view("<Labels name=\"ner\" toName=\"obj\"><Label value=\"PER\"/></Labels>");
    double score =
        new Scoring(config, Methodology.PAIRWISE)
            .tagScore(0, result(span("ner", "PER", 0, 10)), result(span("ner", "PER", 5, 15)));
    assertThat(score).isCloseTo(5.0 / 15, within(1e-12));
  }

  @Test
  void kitten_and_sitting_are_four_sevenths_alike() {
    String config = Scoring.view("<TextArea name=\"transcript\" toName=\"obj\"/>");
    double score =
        new Scoring(config, Methodology.PAIRWISE)
            .tagScore(
                0, result(text("transcript", "kitten")), result(text("transcript", "sitting")));
    assertThat(fourDecimals(score)).isEqualTo("0.5714");
    assertThat(score).isCloseTo(1 - 3.0 / 7, within(1e-12));
  }

  @Test
  void numbers_three_and_five_score_a_third() {
    String config = Scoring.view("<Number name=\"count\" toName=\"obj\"/>");
    double score =
        new Scoring(config, Methodology.PAIRWISE)
            .tagScore(0, result(number("count", 3)), result(number("count", 5)));
    assertThat(score).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void the_text_similarity_threshold_defaults_to_0_85() {
    ControlTag tag = new ControlTag("t", "TextArea", java.util.List.of("obj"), false, false);
    assertThat(TagSettings.defaultsFor(tag))
        .isEqualTo(new TagSettings(Metric.TEXT_SIMILARITY, 0.85, 1, Set.of(), null));
  }
}
