package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Pair and task scores, for every metric, over random Label Studio results. */
class PairScoreProperties {

  private static final LabelConfig CONFIG =
      LabelConfig.parse(
          Scoring.view(
              "<Choices name=\"choice\" toName=\"obj\" choice=\"multiple\"/>",
              "<Choices name=\"jaccard\" toName=\"obj\" choice=\"multiple\"/>",
              "<Taxonomy name=\"tax\" toName=\"obj\"/>",
              "<Labels name=\"ner\" toName=\"obj\"/>",
              "<RectangleLabels name=\"box\" toName=\"obj\"/>",
              "<PolygonLabels name=\"poly\" toName=\"obj\"/>",
              "<KeyPointLabels name=\"kp\" toName=\"obj\"/>",
              "<TextArea name=\"note\" toName=\"obj\"/>",
              "<Number name=\"count\" toName=\"obj\"/>"));

  private static final double TOLERANCE = 1e-9;

  private static ProjectScorer scorer(Methodology methodology) {
    ControlTag jaccard = CONFIG.controlTag("jaccard").orElseThrow();
    TagSettings settings =
        TagSettings.defaultsFor(jaccard).withOverrides(jaccard, "jaccard", null, null, null, null);
    return new ProjectScorer(CONFIG, methodology, Map.of("jaccard", settings));
  }

  private static double[] pairScores(List<String> a, List<String> b) {
    ProjectScorer scorer = scorer(Methodology.PAIRWISE);
    List<ParsedAnnotation> pair = List.of(scorer.parse(1, 1, json(a)), scorer.parse(2, 2, json(b)));
    return scorer.score(1, pair).orElseThrow().tagScores();
  }

  private static String json(List<String> items) {
    return "[" + String.join(",", items) + "]";
  }

  @Property(tries = 300)
  void are_symmetric_and_between_zero_and_one(
      @ForAll("annotations") List<String> a, @ForAll("annotations") List<String> b) {
    double[] ab = pairScores(a, b);
    double[] ba = pairScores(b, a);
    for (int t = 0; t < ab.length; t++) {
      assertThat(ab[t]).as(CONFIG.controlTags().get(t).name()).isBetween(0.0, 1.0);
      assertThat(ba[t]).as(CONFIG.controlTags().get(t).name()).isCloseTo(ab[t], within(TOLERANCE));
    }
  }

  @Property(tries = 300)
  void are_one_for_identical_annotations(@ForAll("annotations") List<String> a) {
    for (double score : pairScores(a, a)) {
      assertThat(score).isCloseTo(1, within(TOLERANCE));
    }
  }

  @Property(tries = 300)
  void do_not_depend_on_the_order_of_regions(
      @ForAll("annotations") List<String> a,
      @ForAll("annotations") List<String> b,
      @ForAll long seed) {
    List<String> shuffled = new ArrayList<>(a);
    Collections.shuffle(shuffled, new Random(seed));
    double[] expected = pairScores(a, b);
    double[] actual = pairScores(shuffled, b);
    for (int t = 0; t < expected.length; t++) {
      if (!orderSensitive(t)) {
        assertThat(actual[t])
            .as(CONFIG.controlTags().get(t).name())
            .isCloseTo(expected[t], within(TOLERANCE));
      }
    }
  }

  @Property(tries = 200)
  void task_scores_do_not_depend_on_the_order_of_annotators(
      @ForAll("annotations") List<String> a,
      @ForAll("annotations") List<String> b,
      @ForAll("annotations") List<String> c,
      @ForAll long seed) {
    List<String> results = new ArrayList<>(List.of(json(a), json(b), json(c)));
    for (Methodology methodology : Methodology.values()) {
      TaskScore expected = task(methodology, results);
      List<String> shuffled = new ArrayList<>(results);
      Collections.shuffle(shuffled, new Random(seed));
      TaskScore actual = task(methodology, shuffled);
      for (int t = 0; t < expected.tagScores().length; t++) {
        assertThat(actual.tagScores()[t]).isCloseTo(expected.tagScores()[t], within(TOLERANCE));
      }
    }
  }

  /** The first number and the order of text lines are meant to matter (SPEC 4.3a). */
  private static boolean orderSensitive(int tag) {
    String name = CONFIG.controlTags().get(tag).name();
    return name.equals("count") || name.equals("note");
  }

  private static TaskScore task(Methodology methodology, List<String> results) {
    ProjectScorer scorer = scorer(methodology);
    List<ParsedAnnotation> annotations = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      annotations.add(scorer.parse(i + 1, i + 1, results.get(i)));
    }
    return scorer.score(1, annotations).orElseThrow();
  }

  @Provide
  Arbitrary<List<String>> annotations() {
    return Arbitraries.oneOf(
            choices("choice"),
            choices("jaccard"),
            taxonomy(),
            spans(),
            boxes(),
            polygons(),
            keypoints(),
            texts(),
            numbers())
        .list()
        .ofMaxSize(6);
  }

  private static Arbitrary<String> label() {
    return Arbitraries.of("X", "Y");
  }

  private static Arbitrary<Integer> coordinate(int max) {
    return Arbitraries.integers().between(0, max);
  }

  private Arbitrary<String> choices(String tag) {
    return Arbitraries.subsetOf("A", "B", "C", "D")
        .map(
            set ->
                Results.item(
                    tag, "choices", "{\"choices\":" + Results.strings(List.copyOf(set)) + "}"));
  }

  private Arbitrary<String> taxonomy() {
    return Arbitraries.of("[\"Animal\"]", "[\"Animal\",\"Cat\"]", "[\"Plant\"]")
        .list()
        .ofMaxSize(3)
        .map(
            paths ->
                Results.item(
                    "tax", "taxonomy", "{\"taxonomy\":[" + String.join(",", paths) + "]}"));
  }

  private Arbitrary<String> spans() {
    return Combinators.combine(label(), coordinate(50), coordinate(20))
        .as((label, start, length) -> Results.span("ner", label, start, start + length));
  }

  private Arbitrary<String> boxes() {
    return Combinators.combine(
            label(),
            coordinate(80),
            coordinate(80),
            coordinate(30),
            coordinate(30),
            Arbitraries.of(0, 0, 30, 90, 200))
        .as(
            (label, x, y, w, h, rotation) ->
                Results.rotatedBox("box", label, x, y, w, h, rotation));
  }

  private Arbitrary<String> polygons() {
    Arbitrary<String> point =
        Combinators.combine(coordinate(40), coordinate(40)).as((x, y) -> "[" + x + "," + y + "]");
    return Combinators.combine(label(), point.list().ofMinSize(3).ofMaxSize(5))
        .as(
            (label, points) ->
                Results.item(
                    "poly",
                    "polygonlabels",
                    "{\"points\":["
                        + String.join(",", points)
                        + "],\"polygonlabels\":[\""
                        + label
                        + "\"]}"));
  }

  private Arbitrary<String> keypoints() {
    return Combinators.combine(label(), coordinate(100), coordinate(100))
        .as((label, x, y) -> Results.keypoint("kp", label, x, y));
  }

  private Arbitrary<String> texts() {
    Arbitrary<String> line =
        Arbitraries.strings().withCharRange('a', 'd').withChars('\u00e9').ofMaxLength(6);
    return line.list()
        .ofMaxSize(3)
        .map(lines -> Results.text("note", lines.toArray(String[]::new)));
  }

  private Arbitrary<String> numbers() {
    return Arbitraries.integers().between(0, 10).map(n -> Results.number("count", n));
  }
}
