package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.rating;
import static io.agreement.engine.Results.result;
import static io.agreement.engine.Results.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** SPEC 8's per-label scores and the values confusion matrices count, as the engine gives them. */
class PerLabelTest {

  private static final String CHOICES =
      "<Choices name=\"a\" toName=\"obj\"><Choice value=\"P\"/><Choice value=\"N\"/></Choices>";

  private long nextId = 1;

  private TaskPairs pairs(ProjectScorer scorer, String... results) {
    List<ParsedAnnotation> annotations = new ArrayList<>();
    for (String r : results) {
      long id = nextId++;
      annotations.add(scorer.parse(id, 100 + id, r));
    }
    return scorer.scoreWithPairs(nextId, annotations).orElseThrow();
  }

  private static ProjectScorer scorer(String... controls) {
    return scorer(Map.of(), controls);
  }

  private static ProjectScorer scorer(Map<String, TagSettings> settings, String... controls) {
    return new ProjectScorer(
        LabelConfig.parse(Scoring.view(controls)), Methodology.PAIRWISE, settings);
  }

  /** Pooled mean per label over the task's pairs. */
  private static Map<String, Double> perLabel(TaskPairs pairs) {
    Map<String, double[]> sums = new TreeMap<>();
    for (int i = 0; i < pairs.labelName().length; i++) {
      double[] s = sums.computeIfAbsent(pairs.labelName()[i], l -> new double[2]);
      s[0] += pairs.labelScore()[i];
      s[1]++;
    }
    Map<String, Double> means = new TreeMap<>();
    sums.forEach((label, s) -> means.put(label, s[0] / s[1]));
    return means;
  }

  @Test
  void p_p_n_gives_p_a_third_and_n_nothing() {
    TaskPairs p =
        pairs(
            scorer(CHOICES),
            result(choices("a", "P")),
            result(choices("a", "P")),
            result(choices("a", "N")));
    // P: pairs (1,2) 1, (1,3) 0, (2,3) 0; N: (1,3) 0, (2,3) 0; (1,2) does not use N.
    assertThat(perLabel(p)).containsOnlyKeys("P", "N");
    assertThat(perLabel(p).get("P")).isCloseTo(1 / 3., offset(1e-12));
    assertThat(perLabel(p).get("N")).isZero();
    assertThat(p.labelName()).hasSize(5);
  }

  /** Person [0, 10) against [5, 15): 5 / 15 both ways; Place only on one side: 0. */
  @Test
  void regions_are_compared_label_by_label() {
    String labels =
        "<Labels name=\"ner\" toName=\"obj\"><Label value=\"Person\"/><Label value=\"Place\"/></Labels>";
    TaskPairs p =
        pairs(
            scorer(labels),
            result(span("ner", "Person", 0, 10), span("ner", "Place", 20, 30)),
            result(span("ner", "Person", 5, 15)));
    assertThat(perLabel(p).get("Person")).isCloseTo(1 / 3., offset(1e-12));
    assertThat(perLabel(p).get("Place")).isZero();
  }

  /** Tag a: P and P (1); tag b: P and N (P 0, N 0): P pooled over both tags is 1/2. */
  @Test
  void the_same_label_in_two_tags_is_pooled_and_weight_zero_tags_are_left_out() {
    String second = CHOICES.replace("name=\"a\"", "name=\"b\"");
    String third = CHOICES.replace("name=\"a\"", "name=\"c\"");
    TagSettings off = new TagSettings(Metric.EXACT_MATCH, 0.5, 0, Set.of(), null);
    TaskPairs p =
        pairs(
            scorer(Map.of("c", off), CHOICES, second, third),
            result(choices("a", "P"), choices("b", "P"), choices("c", "P")),
            result(choices("a", "P"), choices("b", "N"), choices("c", "N")));
    assertThat(perLabel(p).get("P")).isCloseTo(1 / 2., offset(1e-12));
    assertThat(perLabel(p).get("N")).isZero();
    assertThat(p.labelName()).hasSize(3);
  }

  @Test
  void values_of_choices_and_ratings_for_confusion_matrices() {
    String rating = "<Rating name=\"q\" toName=\"obj\" maxRating=\"5\"/>";
    TaskPairs p =
        pairs(
            scorer(CHOICES, rating),
            result(choices("a", "P", "N"), rating("q", 4)),
            result(rating("q", 2.5)));
    assertThat(p.values()[0][0]).containsExactly("P", "N");
    assertThat(p.values()[0][1]).isEmpty();
    assertThat(p.values()[1][0]).containsExactly("4");
    assertThat(p.values()[1][1]).containsExactly("2.5");
  }

  @Test
  void a_rating_declares_its_scale() {
    String config = Scoring.view("<Rating name=\"q\" toName=\"obj\" maxRating=\"3\"/>", CHOICES);
    LabelConfig parsed = LabelConfig.parse(config);
    assertThat(DeclaredValues.of(config, parsed.controlTag("q").orElseThrow()))
        .containsExactly("1", "2", "3");
    assertThat(DeclaredValues.of(config, parsed.controlTag("a").orElseThrow()))
        .containsExactly("P", "N");
  }
}
