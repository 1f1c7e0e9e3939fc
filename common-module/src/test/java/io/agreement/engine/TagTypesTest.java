package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pair score of two annotations for every tag type, from result JSON as Label Studio writes it.
 */
class TagTypesTest {

  record Case(String name, String control, String metric, String a, String b, double expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scores_a_pair_of_annotations(Case c) {
    String config =
        "<View><Text name=\"text\" value=\"$text\"/><Image name=\"image\" value=\"$img\"/>"
            + c.control()
            + "</View>";
    ControlTag tag = LabelConfig.parse(config).controlTags().get(0);
    TagSettings settings =
        TagSettings.defaultsFor(tag).withOverrides(tag, c.metric(), null, null, null, null);
    Scoring scoring = new Scoring(config, Methodology.PAIRWISE, Map.of(tag.name(), settings));

    assertThat(scoring.tagScore(0, c.a(), c.b())).isCloseTo(c.expected(), within(1e-9));
    assertThat(scoring.tagScore(0, c.b(), c.a())).isCloseTo(c.expected(), within(1e-9));
  }

  static Stream<Case> cases() {
    return Stream.of(
            choices(),
            taxonomy(),
            spans(),
            hyperText(),
            paragraphs(),
            timeSeries(),
            genericLabels(),
            rectangles(),
            polygons(),
            keypoints(),
            textAreas(),
            numbers(),
            others(),
            emptiness())
        .flatMap(s -> s);
  }

  private static String item(String from, String type, String value) {
    return """
    {"value": %s, "id": "x%s", "from_name": "%s", "to_name": "text", "type": "%s", "origin": "manual"}\
    """
        .formatted(value, Math.abs(value.hashCode()), from, type);
  }

  private static String result(String... items) {
    return "[" + String.join(", ", items) + "]";
  }

  private static String one(String from, String type, String value) {
    return result(item(from, type, value));
  }

  private static Stream<Case> choices() {
    String single = "<Choices name=\"c\" toName=\"text\"><Choice value=\"A\"/></Choices>";
    String multi = "<Choices name=\"c\" toName=\"text\" choice=\"multiple\"/>";
    return Stream.of(
        new Case(
            "Choices, same",
            single,
            null,
            one("c", "choices", "{\"choices\": [\"A\"]}"),
            one("c", "choices", "{\"choices\": [\"A\"]}"),
            1),
        new Case(
            "Choices, different",
            single,
            null,
            one("c", "choices", "{\"choices\": [\"A\"]}"),
            one("c", "choices", "{\"choices\": [\"B\"]}"),
            0),
        new Case(
            "Choices, multiple in another order",
            multi,
            null,
            one("c", "choices", "{\"choices\": [\"A\", \"B\"]}"),
            one("c", "choices", "{\"choices\": [\"B\", \"A\"]}"),
            1),
        new Case(
            "Choices, jaccard",
            multi,
            "jaccard",
            one("c", "choices", "{\"choices\": [\"A\", \"B\"]}"),
            one("c", "choices", "{\"choices\": [\"B\", \"C\"]}"),
            1.0 / 3));
  }

  private static Stream<Case> taxonomy() {
    String control = "<Taxonomy name=\"tax\" toName=\"text\"/>";
    String catAndPlant =
        one("tax", "taxonomy", "{\"taxonomy\": [[\"Animal\", \"Cat\"], [\"Plant\"]]}");
    return Stream.of(
        new Case(
            "Taxonomy, a path and its parent differ",
            control,
            null,
            one("tax", "taxonomy", "{\"taxonomy\": [[\"Animal\", \"Cat\"]]}"),
            one("tax", "taxonomy", "{\"taxonomy\": [[\"Animal\"]]}"),
            0),
        new Case(
            "Taxonomy, same paths in another order",
            control,
            null,
            catAndPlant,
            one("tax", "taxonomy", "{\"taxonomy\": [[\"Plant\"], [\"Animal\", \"Cat\"]]}"),
            1),
        new Case(
            "Taxonomy, jaccard over full paths",
            control,
            "jaccard",
            catAndPlant,
            one("tax", "taxonomy", "{\"taxonomy\": [[\"Plant\"], [\"Animal\"]]}"),
            1.0 / 3));
  }

  private static String ner(double start, double end, String label) {
    return item(
        "ner",
        "labels",
        "{\"start\": %s, \"end\": %s, \"text\": \"Label Stud\", \"labels\": [\"%s\"]}"
            .formatted(start, end, label));
  }

  private static Stream<Case> spans() {
    String control = "<Labels name=\"ner\" toName=\"text\"><Label value=\"ORG\"/></Labels>";
    return Stream.of(
        new Case(
            "Labels, half overlapping",
            control,
            null,
            result(ner(0, 10, "ORG")),
            result(ner(5, 15, "ORG")),
            1.0 / 3),
        new Case(
            "Labels, other label",
            control,
            null,
            result(ner(0, 10, "ORG")),
            result(ner(0, 10, "PER")),
            0),
        new Case(
            "Labels, a region without partner scores 0",
            control,
            null,
            result(ner(0, 10, "ORG"), ner(20, 30, "PER")),
            result(ner(0, 10, "ORG")),
            2.0 / 3),
        new Case(
            "Labels, partners may be shared",
            control,
            null,
            result(ner(0, 10, "ORG"), ner(0, 10, "ORG")),
            result(ner(0, 10, "ORG")),
            1),
        new Case(
            "Labels, zero-length spans",
            control,
            null,
            result(ner(4, 4, "ORG")),
            result(ner(4, 4, "ORG")),
            1),
        new Case(
            "Labels, zero-length span inside another",
            control,
            null,
            result(ner(4, 4, "ORG")),
            result(ner(0, 10, "ORG")),
            0),
        new Case(
            "Labels, exact match",
            control,
            "exact_match",
            result(ner(0, 10, "ORG")),
            result(ner(0, 10, "ORG")),
            1));
  }

  private static String html(String start, String end, int from, int to, Integer global) {
    String offsets =
        global == null
            ? ""
            : ", \"globalOffsets\": {\"start\": %d, \"end\": %d}"
                .formatted(global, global + to - from);
    return item(
        "html",
        "hypertextlabels",
        ("{\"start\": \"%s\", \"end\": \"%s\", \"startOffset\": %d, \"endOffset\": %d%s,"
                + " \"text\": \"Label\", \"hypertextlabels\": [\"PER\"]}")
            .formatted(start, end, from, to, offsets));
  }

  private static Stream<Case> hyperText() {
    String control = "<HyperTextLabels name=\"html\" toName=\"text\"/>";
    String p1 = "/div[1]/p[1]/text()[1]";
    String p2 = "/div[1]/p[2]/text()[1]";
    return Stream.of(
        new Case(
            "HyperTextLabels, global offsets",
            control,
            null,
            result(html(p1, p1, 0, 10, 100)),
            result(html(p1, p1, 5, 15, 105)),
            1.0 / 3),
        new Case(
            "HyperTextLabels, same node without global offsets",
            control,
            null,
            result(html(p1, p1, 0, 10, null)),
            result(html(p1, p1, 5, 15, null)),
            1.0 / 3),
        new Case(
            "HyperTextLabels, other node",
            control,
            null,
            result(html(p1, p1, 0, 10, null)),
            result(html(p2, p2, 0, 10, null)),
            0),
        new Case(
            "HyperTextLabels, same span across nodes",
            control,
            null,
            result(html(p1, p2, 3, 4, null)),
            result(html(p1, p2, 3, 4, null)),
            1));
  }

  private static String paragraph(String start, String end, int from, int to) {
    return item(
        "dialog",
        "paragraphlabels",
        ("{\"start\": \"%s\", \"end\": \"%s\", \"startOffset\": %d, \"endOffset\": %d,"
                + " \"text\": \"Hi\", \"paragraphlabels\": [\"Happy\"]}")
            .formatted(start, end, from, to));
  }

  private static Stream<Case> paragraphs() {
    String control = "<ParagraphLabels name=\"dialog\" toName=\"text\"/>";
    return Stream.of(
        new Case(
            "ParagraphLabels, one paragraph",
            control,
            null,
            result(paragraph("2", "2", 0, 10)),
            result(paragraph("2", "2", 5, 15)),
            1.0 / 3),
        new Case(
            "ParagraphLabels, across paragraphs by paragraph",
            control,
            null,
            result(paragraph("0", "1", 4, 8)),
            result(paragraph("1", "1", 0, 8)),
            0.5));
  }

  /**
   * A plain Labels tag on HyperText, Paragraphs or a TimeSeries: read as the object it labels says,
   * or by the value's shape when the config does not name that object.
   */
  private static Stream<Case> genericLabels() {
    String onParagraphs =
        "<Paragraphs name=\"dlg\" value=\"$d\"/><Labels name=\"gen\" toName=\"dlg\"/>";
    String onHyperText =
        "<HyperText name=\"page\" value=\"$h\"/><Labels name=\"gen\" toName=\"page\"/>";
    String onTimeSeries =
        "<TimeSeries name=\"series\" value=\"$s\"/><Labels name=\"gen\" toName=\"series\"/>";
    String onText = "<Labels name=\"gen\" toName=\"text\"/>";
    String unknown = "<Labels name=\"gen\" toName=\"elsewhere\"/>";
    String paragraph =
        "{\"start\": \"%s\", \"end\": \"%s\", \"startOffset\": %d, \"endOffset\": %d,"
            + " \"labels\": [\"Happy\"]}";
    String html =
        "{\"start\": \"/div[1]/p[1]/text()[1]\", \"end\": \"/div[1]/p[1]/text()[1]\","
            + " \"startOffset\": 0, \"endOffset\": 10,"
            + " \"globalOffsets\": {\"start\": %d, \"end\": %d}, \"labels\": [\"PER\"]}";
    String dates = "{\"start\": \"%s\", \"end\": \"%s\", \"labels\": [\"Run\"]}";
    return Stream.of(
        new Case(
            "Labels on Paragraphs, same offsets in different paragraphs",
            onParagraphs,
            null,
            one("gen", "labels", paragraph.formatted("0", "0", 0, 10)),
            one("gen", "labels", paragraph.formatted("2", "2", 0, 10)),
            0),
        new Case(
            "Labels on Paragraphs, one paragraph",
            onParagraphs,
            null,
            one("gen", "labels", paragraph.formatted("1", "1", 0, 10)),
            one("gen", "labels", paragraph.formatted("1", "1", 5, 15)),
            1.0 / 3),
        new Case(
            "Labels on HyperText, global offsets",
            onHyperText,
            null,
            one("gen", "labels", html.formatted(100, 110)),
            one("gen", "labels", html.formatted(105, 115)),
            1.0 / 3),
        new Case(
            "Labels on a TimeSeries, date-times",
            onTimeSeries,
            null,
            one("gen", "labels", dates.formatted("2024-01-01T00:00:00", "2024-01-01T00:00:10")),
            one("gen", "labels", dates.formatted("2024-01-01T00:00:05", "2024-01-01T00:00:15")),
            1.0 / 3),
        new Case(
            "Labels on Text with offset fields as well: character offsets",
            onText,
            null,
            one("gen", "labels", paragraph.formatted("0", "10", 0, 10)),
            one("gen", "labels", paragraph.formatted("5", "15", 0, 10)),
            1.0 / 3),
        new Case(
            "Labels on an object the config does not name: by the value's shape",
            unknown,
            null,
            one("gen", "labels", paragraph.formatted("0", "0", 0, 10)),
            one("gen", "labels", paragraph.formatted("2", "2", 0, 10)),
            0));
  }

  private static Stream<Case> timeSeries() {
    String control = "<TimeSeriesLabels name=\"ts\" toName=\"text\"/>";
    String numeric =
        "{\"start\": %s, \"end\": %s, \"instant\": false, \"timeserieslabels\": [\"Run\"]}";
    String dates =
        "{\"start\": \"%s\", \"end\": \"%s\", \"instant\": false, \"timeserieslabels\": [\"Run\"]}";
    return Stream.of(
        new Case(
            "TimeSeriesLabels, numbers",
            control,
            null,
            one("ts", "timeserieslabels", numeric.formatted(1.5, 3.5)),
            one("ts", "timeserieslabels", numeric.formatted(2.5, 3.5)),
            0.5),
        new Case(
            "TimeSeriesLabels, date-times",
            control,
            null,
            one(
                "ts",
                "timeserieslabels",
                dates.formatted("2024-01-01 00:00:00", "2024-01-01 00:00:10")),
            one(
                "ts",
                "timeserieslabels",
                dates.formatted("2024-01-01T00:00:05", "2024-01-01T00:00:15")),
            1.0 / 3));
  }

  private static String rect(
      String type, double x, double y, double w, double h, double r, int width) {
    String labels = type.equals("rectangle") ? "" : ", \"rectanglelabels\": [\"Car\"]";
    return result(
        """
        {"original_width": %d, "original_height": 400, "image_rotation": 0, "value": {"x": %s, "y": %s,\
         "width": %s, "height": %s, "rotation": %s%s}, "id": "b1", "from_name": "box",\
         "to_name": "image", "type": "%s", "origin": "manual"}\
        """
            .formatted(width, x, y, w, h, r, labels, type));
  }

  private static Stream<Case> rectangles() {
    String labelled =
        "<RectangleLabels name=\"box\" toName=\"image\"><Label value=\"Car\"/></RectangleLabels>";
    String plain = "<Rectangle name=\"box\" toName=\"image\"/>";
    String r = "rectanglelabels";
    return Stream.of(
        new Case(
            "RectangleLabels, half overlapping",
            labelled,
            null,
            rect(r, 0, 0, 10, 10, 0, 400),
            rect(r, 5, 0, 10, 10, 0, 400),
            1.0 / 3),
        new Case(
            "RectangleLabels, rotated onto an unrotated box",
            labelled,
            null,
            rect(r, 50, 50, 20, 10, 90, 400),
            rect(r, 40, 50, 10, 20, 0, 400),
            1),
        new Case(
            "RectangleLabels, rotated in pixels of a wide image",
            labelled,
            null,
            rect(r, 50, 50, 20, 10, 90, 800),
            rect(r, 45, 50, 5, 40, 0, 800),
            1),
        new Case(
            "RectangleLabels, rotated by 45 degrees against itself",
            labelled,
            null,
            rect(r, 30, 30, 20, 10, 45, 400),
            rect(r, 30, 30, 20, 10, 45, 400),
            1),
        new Case(
            "RectangleLabels, zero area",
            labelled,
            null,
            rect(r, 5, 5, 0, 10, 0, 400),
            rect(r, 5, 5, 0, 10, 0, 400),
            1),
        new Case(
            "Rectangle without labels",
            plain,
            null,
            rect("rectangle", 0, 0, 10, 10, 0, 400),
            rect("rectangle", 5, 0, 10, 10, 0, 400),
            1.0 / 3));
  }

  private static String polygon(String points) {
    return one(
        "poly",
        "polygonlabels",
        "{\"points\": %s, \"closed\": true, \"polygonlabels\": [\"Tree\"]}".formatted(points));
  }

  private static Stream<Case> polygons() {
    String control = "<PolygonLabels name=\"poly\" toName=\"image\"/>";
    return Stream.of(
        new Case(
            "PolygonLabels, half overlapping squares",
            control,
            null,
            polygon("[[0, 0], [10, 0], [10, 10], [0, 10]]"),
            polygon("[[5, 0], [15, 0], [15, 10], [5, 10]]"),
            1.0 / 3),
        new Case(
            "PolygonLabels, a triangle inside a square",
            control,
            null,
            polygon("[[0, 0], [10, 0], [10, 10], [0, 10]]"),
            polygon("[[0, 0], [10, 0], [0, 10]]"),
            0.5),
        new Case(
            "PolygonLabels, self-intersecting bow tie against itself",
            control,
            null,
            polygon("[[0, 0], [10, 10], [10, 0], [0, 10]]"),
            polygon("[[0, 0], [10, 10], [10, 0], [0, 10]]"),
            1));
  }

  private static Stream<Case> keypoints() {
    String labelled = "<KeyPointLabels name=\"kp\" toName=\"image\"/>";
    String value = "{\"x\": %s, \"y\": %s, \"width\": 0.5, \"keypointlabels\": [\"Nose\"]}";
    return Stream.of(
        new Case(
            "KeyPointLabels, five percent apart",
            labelled,
            null,
            one("kp", "keypointlabels", value.formatted(50, 50)),
            one("kp", "keypointlabels", value.formatted(53, 54)),
            1.0 / 6),
        new Case(
            "KeyPoint without labels is anything else: exact_match",
            "<KeyPoint name=\"kp\" toName=\"image\"/>",
            null,
            one("kp", "keypoint", "{\"x\": 10, \"y\": 10, \"width\": 1}"),
            one("kp", "keypoint", "{\"x\": 13, \"y\": 14, \"width\": 1}"),
            0),
        new Case(
            "KeyPoint without labels, identical",
            "<KeyPoint name=\"kp\" toName=\"image\"/>",
            null,
            one("kp", "keypoint", "{\"x\": 10, \"y\": 10, \"width\": 1}"),
            one("kp", "keypoint", "{\"x\": 10, \"y\": 10, \"width\": 1}"),
            1),
        new Case(
            "KeyPoint without labels, keypoint_distance on request",
            "<KeyPoint name=\"kp\" toName=\"image\"/>",
            "keypoint_distance",
            one("kp", "keypoint", "{\"x\": 10, \"y\": 10, \"width\": 1}"),
            one("kp", "keypoint", "{\"x\": 13, \"y\": 14, \"width\": 1}"),
            1.0 / 6));
  }

  private static Stream<Case> textAreas() {
    String control = "<TextArea name=\"note\" toName=\"text\"/>";
    return Stream.of(
        new Case(
            "TextArea, a missing line scores 0",
            control,
            null,
            one("note", "textarea", "{\"text\": [\"same\", \"extra\"]}"),
            one("note", "textarea", "{\"text\": [\"same\"]}"),
            0.5),
        new Case(
            "TextArea, lines of several items in result order",
            control,
            null,
            result(
                item("note", "textarea", "{\"text\": [\"a\"]}"),
                item("note", "textarea", "{\"text\": [\"b\"]}")),
            one("note", "textarea", "{\"text\": [\"a\", \"b\"]}"),
            1),
        new Case(
            "TextArea, code points not chars",
            control,
            null,
            one("note", "textarea", "{\"text\": [\"\uD83D\uDE00a\"]}"),
            one("note", "textarea", "{\"text\": [\"\uD83D\uDE01a\"]}"),
            0.5));
  }

  private static Stream<Case> numbers() {
    return Stream.of(
        new Case(
            "Number, two apart",
            "<Number name=\"n\" toName=\"text\"/>",
            null,
            one("n", "number", "{\"number\": 3}"),
            one("n", "number", "{\"number\": 5}"),
            1.0 / 3),
        new Case(
            "Number, the first region counts",
            "<Number name=\"n\" toName=\"text\"/>",
            null,
            result(item("n", "number", "{\"number\": 3}"), item("n", "number", "{\"number\": 9}")),
            one("n", "number", "{\"number\": 3}"),
            1),
        new Case(
            "Rating, half a star apart",
            "<Rating name=\"stars\" toName=\"text\"/>",
            null,
            one("stars", "rating", "{\"rating\": 4}"),
            one("stars", "rating", "{\"rating\": 4.5}"),
            2.0 / 3));
  }

  private static Stream<Case> others() {
    return Stream.of(
        new Case(
            "DateTime, same",
            "<DateTime name=\"when\" toName=\"text\"/>",
            null,
            one("when", "datetime", "{\"datetime\": \"2024-01-02T10:00\"}"),
            one("when", "datetime", "{\"datetime\": \"2024-01-02T10:00\"}"),
            1),
        new Case(
            "DateTime, different",
            "<DateTime name=\"when\" toName=\"text\"/>",
            null,
            one("when", "datetime", "{\"datetime\": \"2024-01-02T10:00\"}"),
            one("when", "datetime", "{\"datetime\": \"2024-01-02T11:00\"}"),
            0),
        new Case(
            "Pairwise, both chose left",
            "<Pairwise name=\"pw\" toName=\"text,image\"/>",
            null,
            one("pw", "pairwise", "{\"selected\": \"left\"}"),
            one("pw", "pairwise", "{\"selected\": \"left\"}"),
            1),
        new Case(
            "Pairwise, left against right",
            "<Pairwise name=\"pw\" toName=\"text,image\"/>",
            null,
            one("pw", "pairwise", "{\"selected\": \"left\"}"),
            one("pw", "pairwise", "{\"selected\": \"right\"}"),
            0),
        new Case(
            "Ranker, same ranking with keys in another order",
            "<Ranker name=\"rank\" toName=\"text\"/>",
            null,
            one("rank", "ranker", "{\"ranker\": {\"rank\": [\"a\", \"b\"], \"done\": []}}"),
            one("rank", "ranker", "{\"ranker\": {\"done\": [], \"rank\": [\"a\", \"b\"]}}"),
            1),
        new Case(
            "Ranker, another order",
            "<Ranker name=\"rank\" toName=\"text\"/>",
            null,
            one("rank", "ranker", "{\"ranker\": {\"rank\": [\"a\", \"b\"]}}"),
            one("rank", "ranker", "{\"ranker\": {\"rank\": [\"b\", \"a\"]}}"),
            0));
  }

  private static Stream<Case> emptiness() {
    String control = "<Choices name=\"c\" toName=\"text\"/>";
    String chosen = one("c", "choices", "{\"choices\": [\"A\"]}");
    String relation =
        "{\"from_id\": \"a\", \"to_id\": \"b\", \"type\": \"relation\", \"direction\": \"right\"}";
    return Stream.of(
        new Case("no region on either side", control, null, "[]", null, 1),
        new Case("a region on one side only", control, null, chosen, "[]", 0),
        new Case(
            "relations and unknown tags are ignored",
            control,
            null,
            result(
                relation,
                item("gone", "choices", "{\"choices\": [\"B\"]}"),
                item("c", "choices", "{\"choices\": [\"A\"]}")),
            chosen,
            1));
  }
}
