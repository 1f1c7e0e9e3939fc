package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.number;
import static io.agreement.engine.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agreement.engine.stats.RatingTable;
import io.agreement.engine.stats.Scale;
import io.agreement.engine.stats.Statistics;
import io.agreement.engine.stats.StatisticsOptions;
import io.agreement.engine.stats.TagStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC 4.7 through the scorer: the statistics of the tags that have an alpha. */
class ProjectStatisticsTest {

  private static final double M = Double.NaN;

  private static final String CONFIG =
      Scoring.view(
          "<Choices name=\"sentiment\" toName=\"obj\"><Choice value=\"pos\"/><Choice value=\"neg\"/>"
              + "<Choice value=\"neu\"/></Choices>",
          "<Choices name=\"multi\" toName=\"obj\" choice=\"multiple\"/>",
          "<Number name=\"count\" toName=\"obj\"/>");

  /** Krippendorff (2011), section C: four observers, twelve units. */
  private static final double[][] FOUR_OBSERVERS = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
    {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
  };

  private final ProjectScorer scorer =
      new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.CONSENSUS, Map.of());
  private final ProjectStatistics statistics = new ProjectStatistics(scorer, 7);
  private long nextId = 1;

  private ParsedAnnotation annotation(long user, String json) {
    return scorer.parse(nextId++, user, json);
  }

  @Test
  void covers_the_tags_with_an_alpha_and_the_set_valued_ones_in_config_order() {
    assertThat(statistics.compute())
        .extracting(r -> r.tag().name())
        .containsExactly("sentiment", "multi", "count");
  }

  /** The hand-computed example of SetAlphaTest, through parsed multi-select answers: 113/256. */
  @Test
  void gives_set_valued_tags_alpha_with_the_jaccard_distance() {
    String[][][] units = {
      {{"a", "b"}, {"a", "b"}}, {{"a"}, {"a", "b"}}, {{"b"}, {"c"}},
      {{"a", "c"}, {"a", "b"}}, {{"c"}, {"c"}}, {{"b"}, {"b"}},
    };
    for (int u = 0; u < units.length; u++) {
      statistics.add(
          u,
          List.of(
              annotation(1, result(choices("multi", units[u][0]))),
              annotation(2, result(choices("multi", units[u][1]))),
              annotation(3, "[]")),
          new long[3]);
    }
    TagStatistics.Alpha alpha = statistics.compute().get(1).statistics().krippendorffAlpha();
    assertThat(alpha.value()).isCloseTo(113.0 / 256, within(1e-12));
    assertThat(alpha.level()).isNull();
    assertThat(alpha.distance()).isEqualTo("jaccard");
    assertThat(alpha.pairableValues()).isEqualTo(12);
  }

  @Test
  void reproduces_krippendorff_2011_from_annotations() {
    for (int unit = 0; unit < 12; unit++) {
      List<ParsedAnnotation> annotations = new ArrayList<>();
      for (int coder = 0; coder < 4; coder++) {
        double value = FOUR_OBSERVERS[coder][unit];
        annotations.add(
            annotation(coder + 1, Double.isNaN(value) ? "[]" : result(number("count", value))));
      }
      statistics.add(unit, annotations, new long[4]);
    }
    TagStatistics count = statistics.compute().get(2).statistics();
    assertThat(count.krippendorffAlpha().value()).isCloseTo(0.849, within(0.0005));
    assertThat(count.krippendorffAlpha().level()).isEqualTo("interval");
    assertThat(count.gwetName()).isEqualTo("AC2");
    assertThat(count.gwet().value()).isCloseTo(0.914, within(0.0005));
    assertThat(count.cohenKappaQuadratic()).isNotNull();
  }

  @Test
  void keeps_each_annotators_latest_annotation_by_update_time_then_id() {
    for (int task = 0; task < 20; task++) {
      List<ParsedAnnotation> annotations =
          List.of(
              annotation(1, result(choices("sentiment", "neg"))),
              annotation(1, result(choices("sentiment", "pos"))),
              annotation(2, result(choices("sentiment", "pos"))),
              annotation(2, result(choices("sentiment", "neg"))));
      // User 1 edited the first annotation last; user 2's two share a time, the higher id wins.
      statistics.add(task, annotations, new long[] {30, 20, 10, 10});
    }
    TagStatistics sentiment = statistics.compute().get(0).statistics();
    assertThat(sentiment.raters()).isEqualTo(2);
    assertThat(sentiment.percentAgreement().value()).isEqualTo(1);
    assertThat(sentiment.diagnostics())
        .extracting(TagStatistics.Diagnostic::message)
        .anyMatch(m -> m.startsWith("'neg' is 100% of the ratings."));
  }

  /** SPEC 4.7: weights on the declared scale, Rating 1..maxRating (Label Studio's default 5). */
  @Test
  void puts_a_rating_on_its_declared_scale() {
    assertThat(ratingAc2("<Rating name=\"stars\" toName=\"obj\" maxRating=\"10\"/>"))
        .isCloseTo(direct(10), within(1e-12));
    assertThat(ratingAc2("<Rating name=\"stars\" toName=\"obj\"/>"))
        .isCloseTo(direct(5), within(1e-12));
    assertThat(direct(10)).as("the scale matters").isNotCloseTo(direct(5), within(0.01));
  }

  private static final int[][] STARS = {{1, 2}, {2, 2}, {3, 2}, {1, 1}, {2, 3}, {3, 3}};

  private static double ratingAc2(String control) {
    ProjectScorer scorer =
        new ProjectScorer(
            LabelConfig.parse(Scoring.view(control)), Methodology.CONSENSUS, Map.of());
    ProjectStatistics statistics = new ProjectStatistics(scorer, 7);
    long id = 1;
    for (int u = 0; u < STARS.length; u++) {
      List<ParsedAnnotation> annotations = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        annotations.add(scorer.parse(id++, r + 1, result(Results.rating("stars", STARS[u][r]))));
      }
      statistics.add(u, annotations, new long[2]);
    }
    return statistics.compute().get(0).statistics().gwet().value();
  }

  private static double direct(int maxRating) {
    double[] scale = new double[maxRating];
    for (int i = 0; i < maxRating; i++) {
      scale[i] = i + 1;
    }
    RatingTable table = new RatingTable(Scale.numbers(scale));
    for (int u = 0; u < STARS.length; u++) {
      table.put(
          u,
          new long[] {1, 2},
          new int[] {table.scale().code(STARS[u][0]), table.scale().code(STARS[u][1])});
    }
    return Statistics.compute(
            table, StatisticsOptions.of(KrippendorffAlpha.Level.INTERVAL, true, 7, "stars"))
        .gwet()
        .value();
  }

  @Test
  void tasks_come_in_ascending_id_as_a_project_streams_and_a_repeat_is_refused() {
    statistics.add(
        3,
        List.of(
            annotation(1, result(choices("sentiment", "pos"))),
            annotation(2, result(choices("sentiment", "pos")))),
        new long[2]);
    assertThatThrownBy(
            () ->
                statistics.add(
                    3,
                    List.of(
                        annotation(1, result(choices("sentiment", "neg"))),
                        annotation(2, result(choices("sentiment", "neu")))),
                    new long[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ascending");
    TagStatistics sentiment = statistics.compute().get(0).statistics();
    assertThat(sentiment.units()).isEqualTo(1);
    assertThat(sentiment.percentAgreement().value()).isEqualTo(1);
  }
}
