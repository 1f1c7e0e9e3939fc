package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.number;
import static io.agreement.engine.Results.rating;
import static io.agreement.engine.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agreement.engine.KrippendorffAlpha.Level;
import io.agreement.testsupport.ReliabilityData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

/** SPEC 4.6: Krippendorff's alpha over a project's tasks, per single-valued tag. */
class ProjectAlphaTest {

  private static final double M = Double.NaN;

  private static final String CONFIG =
      Scoring.view(
          "<Choices name=\"single\" toName=\"obj\"/>",
          "<Choices name=\"multi\" toName=\"obj\" choice=\"multiple\"/>",
          "<Number name=\"count\" toName=\"obj\"/>",
          "<Labels name=\"ner\" toName=\"obj\"/>");

  /** Krippendorff (2011) section C, one task per unit, one annotation per observer value. */
  private static final double[][] FOUR_OBSERVERS = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
    {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
  };

  @Test
  void reproduces_the_paper_through_the_scorer_nominal_for_choices_and_interval_for_numbers() {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.CONSENSUS, Map.of());
    long id = 1;
    for (int unit = 0; unit < 12; unit++) {
      List<ParsedAnnotation> annotations = new ArrayList<>();
      for (int coder = 0; coder < 4; coder++) {
        double value = FOUR_OBSERVERS[coder][unit];
        String json =
            Double.isNaN(value)
                ? "[]"
                : result(choices("single", "v" + (int) value), number("count", value));
        annotations.add(scorer.parse(id++, coder, json));
      }
      scorer.score(unit, annotations);
    }

    List<TagSummary> tags = scorer.summary().tags();
    assertThat(tags.get(0).alphaLevel()).isEqualTo("nominal");
    assertThat(tags.get(0).krippendorffAlpha()).isCloseTo(0.743, within(0.0005));
    assertThat(tags.get(2).alphaLevel()).isEqualTo("interval");
    assertThat(tags.get(2).krippendorffAlpha())
        .isCloseTo(
            KrippendorffAlpha.of(Level.INTERVAL, FOUR_OBSERVERS).orElseThrow(), within(1e-12));
  }

  /** Choices whose config order is the only order there is: neither alphabetical nor numeric. */
  private static final String GRADES =
      Scoring.view(
          "<Choices name=\"grade\" toName=\"obj\"><Choice value=\"poor\"/><Choice value=\"fair\"/>"
              + "<Choice value=\"good\"/><Choice value=\"great\"/><Choice value=\"best\"/></Choices>",
          "<Rating name=\"stars\" toName=\"obj\"/>");

  private static final String[] GRADE_NAMES = {"poor", "fair", "good", "great", "best"};

  @Test
  void ranks_choices_by_their_config_order_for_an_ordinal_alpha() {
    ProjectScorer scorer =
        scorer(GRADES, Map.of("grade", "ordinal", "stars", "ordinal"), Methodology.CONSENSUS);
    // Seen first in another order, which must not change the ranks: the config sets them.
    scorer.parse(100, 9, result(choices("grade", "good")));
    scorer.parse(101, 9, result(choices("grade", "best")));

    feed(
        scorer,
        FOUR_OBSERVERS,
        value -> result(choices("grade", GRADE_NAMES[(int) value - 1]), rating("stars", value)));

    List<TagSummary> tags = scorer.summary().tags();
    assertThat(tags.get(0).alphaLevel()).isEqualTo("ordinal");
    assertThat(tags.get(0).krippendorffAlpha()).isCloseTo(0.815, within(0.0005));
    assertThat(tags.get(1).alphaLevel()).isEqualTo("ordinal");
    assertThat(tags.get(1).krippendorffAlpha()).isCloseTo(0.815, within(0.0005));
  }

  @Test
  void counts_a_choice_the_config_does_not_rank_as_missing_for_an_ordinal_alpha() {
    ProjectScorer ordinal = scorer(GRADES, Map.of("grade", "ordinal"), Methodology.CONSENSUS);
    ProjectScorer nominal = scorer(GRADES, Map.of(), Methodology.CONSENSUS);

    assertThat(ordinal.parse(1, 1, result(choices("grade", "awful"))).alphaValue(0)).isNaN();
    assertThat(ordinal.parse(2, 1, result(choices("grade", "fair"))).alphaValue(0)).isEqualTo(1);
    assertThat(nominal.parse(3, 1, result(choices("grade", "awful"))).alphaValue(0)).isNotNaN();
  }

  @Test
  void reproduces_the_published_ordinal_alpha_of_hayes_and_krippendorff_through_the_scorer() {
    ProjectScorer scorer =
        scorer(
            Scoring.view("<Number name=\"tone\" toName=\"obj\"/>"),
            Map.of("tone", "ordinal"),
            Methodology.PAIRWISE);

    feed(scorer, ReliabilityData.NEWS_TONE, value -> result(number("tone", value)));

    assertThat(scorer.summary().tags().get(0).krippendorffAlpha())
        .isCloseTo(ReliabilityData.NEWS_TONE_ORDINAL_ALPHA, within(0.00005));
  }

  private static ProjectScorer scorer(
      String config, Map<String, String> alphaLevels, Methodology methodology) {
    LabelConfig parsed = LabelConfig.parse(config);
    Map<String, TagSettings> settings = new HashMap<>();
    alphaLevels.forEach(
        (name, level) -> {
          ControlTag tag = parsed.controlTag(name).orElseThrow();
          settings.put(
              name, TagSettings.defaultsFor(tag).withOverrides(tag, null, null, null, null, level));
        });
    return new ProjectScorer(parsed, methodology, settings);
  }

  /** One task per unit (column), one annotation per coder (row) that has a value there. */
  private static void feed(
      ProjectScorer scorer, double[][] coders, DoubleFunction<String> resultOf) {
    long id = 1;
    for (int unit = 0; unit < coders[0].length; unit++) {
      List<ParsedAnnotation> annotations = new ArrayList<>();
      for (int coder = 0; coder < coders.length; coder++) {
        double value = coders[coder][unit];
        if (!Double.isNaN(value)) {
          annotations.add(scorer.parse(id++, coder, resultOf.apply(value)));
        }
      }
      scorer.score(unit, annotations);
    }
  }

  @Test
  void does_not_apply_to_multiple_choice_or_span_tags() {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.PAIRWISE, Map.of());
    scorer.score(
        1,
        List.of(
            scorer.parse(1, 1, result(choices("multi", "a"))),
            scorer.parse(2, 2, result(choices("multi", "b")))));

    List<TagSummary> tags = scorer.summary().tags();
    assertThat(tags.get(1).krippendorffAlpha()).isNull();
    assertThat(tags.get(1).alphaLevel()).isNull();
    assertThat(tags.get(3).alphaLevel()).isNull();
  }

  @Test
  void is_null_while_undefined() {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.PAIRWISE, Map.of());
    scorer.score(
        1,
        List.of(
            scorer.parse(1, 1, result(choices("single", "a"))),
            scorer.parse(2, 2, result(choices("single", "a")))));

    TagSummary single = scorer.summary().tags().get(0);
    assertThat(single.agreement()).isEqualTo(1);
    assertThat(single.krippendorffAlpha()).isNull();
    assertThat(single.alphaLevel()).isEqualTo("nominal");
  }

  @Test
  void reads_a_number_the_way_numeric_difference_does_from_either_field() {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.PAIRWISE, Map.of());
    assertThat(scorer.parse(1, 1, result(rating("count", 3))).alphaValue(2)).isEqualTo(3);
    assertThat(scorer.parse(2, 1, result(number("count", 4))).alphaValue(2)).isEqualTo(4);
  }

  @Test
  void treats_an_annotation_with_several_choices_of_a_single_choice_tag_as_missing() {
    ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.PAIRWISE, Map.of());
    ParsedAnnotation confused = scorer.parse(1, 1, result(choices("single", "a", "b")));
    assertThat(confused.alphaValue(0)).isNaN();
    assertThat(scorer.parse(2, 2, result(choices("single", "b"))).alphaValue(0)).isNotNaN();
  }
}
