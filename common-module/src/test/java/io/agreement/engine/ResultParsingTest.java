package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResultParsingTest {

  private final ProjectScorer scorer =
      new ProjectScorer(
          LabelConfig.parse(
              Scoring.view(
                  "<Choices name=\"c\" toName=\"obj\"/>",
                  "<RectangleLabels name=\"box\" toName=\"obj\"/>")),
          Methodology.PAIRWISE,
          Map.of());

  @Nested
  class Reads {

    @Test
    void null_and_blank_results_as_no_regions() {
      assertThat(scorer.parse(1, 1, (String) null).hasRegions(0)).isFalse();
      assertThat(scorer.parse(1, 1, (byte[]) null).hasRegions(0)).isFalse();
      assertThat(scorer.parse(1, 1, "  ").hasRegions(0)).isFalse();
      assertThat(scorer.parse(1, 1, "null").hasRegions(0)).isFalse();
    }

    @Test
    void a_result_stored_as_a_json_string() {
      String encoded = "\"" + result(choices("c", "A")).replace("\"", "\\\"") + "\"";
      assertThat(scorer.parse(1, 1, encoded).hasRegions(0)).isTrue();
    }

    @Test
    void items_in_any_key_order_and_skips_what_it_does_not_need() {
      String json =
          """
          [{"type": "choices", "meta": {"text": ["note"]}, "score": 0.5,
            "value": {"choices": ["A"], "extra": {"b": [1, {"c": null}], "a": true}},
            "from_name": "c", "to_name": "obj", "readonly": false}]\
          """;
      ParsedAnnotation parsed = scorer.parse(1, 1, json);
      assertThat(parsed.hasRegions(0)).isTrue();
      assertThat(parsed.hasRegions(1)).isFalse();
      assertThat(parsed.annotationId()).isEqualTo(1);
    }
  }

  /** The worker reads results as PostgreSQL's UTF-8 bytes: the same answers as from a string. */
  @Nested
  class FromBytes {

    private final java.util.List<String> results =
        java.util.List.of(
            result(choices("c", "A")),
            result(choices("c", "Ünïcødé ✓ \\\" quoted")),
            "\"" + result(choices("c", "B")).replace("\"", "\\\"") + "\"",
            " \n\t ",
            "null",
            "[]",
            "[{\"from_name\": \"box\", \"type\": \"rectanglelabels\", \"value\": {\"x\": 1}}]",
            "[{\"from_name\": \"c\", \"type\": \"choices\", \"value\": {\"choices\": [\"A\"]}}] x",
            "{\"not\": \"an array\"}",
            "[{\"from_name\": ",
            "\"\"");

    private String outcome(java.util.function.Supplier<ParsedAnnotation> parse) {
      try {
        ParsedAnnotation parsed = parse.get();
        ParsedAnnotation other = scorer.parse(2, 2, result(choices("c", "A")));
        return "regions "
            + parsed.hasRegions(0)
            + parsed.hasRegions(1)
            + " skipped "
            + parsed.itemsSkipped()
            + " "
            + parsed.firstSkipped()
            + " scores "
            + java.util.Arrays.toString(
                scorer.score(1, java.util.List.of(parsed, other)).orElseThrow().tagScores());
      } catch (MalformedResultException e) {
        return "malformed " + e.getMessage();
      }
    }

    @Test
    void every_kind_of_result_gives_what_its_string_gives() {
      for (String json : results) {
        String fromString = outcome(() -> scorer.parse(1, 1, json));
        String fromBytes =
            outcome(
                () -> scorer.parse(1, 1, json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(fromBytes).as(json).isEqualTo(fromString);
      }
      assertThat(results.stream().map(j -> outcome(() -> scorer.parse(1, 1, j))))
          .anyMatch(o -> o.startsWith("malformed"))
          .anyMatch(o -> o.contains("skipped 1"))
          .anyMatch(o -> o.contains("scores [1.0"));
    }
  }

  @Nested
  class SkipsAnItem {

    @Test
    void a_box_without_a_width_keeping_the_annotations_other_tags() {
      String json =
          "[{\"from_name\": \"box\", \"type\": \"rectanglelabels\","
              + " \"value\": {\"x\": 1, \"y\": 2, \"height\": 3, \"rectanglelabels\": [\"Car\"]}},"
              + " {\"from_name\": \"c\", \"value\": {\"choices\": [\"A\"]}}]";

      ParsedAnnotation parsed = scorer.parse(42, 1, json);

      assertThat(parsed.itemsSkipped()).isEqualTo(1);
      assertThat(parsed.firstSkipped())
          .isEqualTo("annotation 42: result item for 'box' has no numeric value.width");
      assertThat(parsed.hasRegions(0)).as("the choice still counts").isTrue();
      assertThat(parsed.hasRegions(1)).isFalse();
      assertThat(scorer.parse(43, 2, result(choices("c", "A"))).itemsSkipped()).isZero();
    }
  }

  @Nested
  class Refuses {

    @Test
    void json_that_is_not_well_formed() {
      assertThatThrownBy(() -> scorer.parse(42, 1, "[{\"from_name\": \"c\", "))
          .isInstanceOf(MalformedResultException.class)
          .hasMessageStartingWith("annotation 42: result is not valid JSON at line 1");
    }

    @Test
    void a_result_that_is_not_an_array() {
      assertThatThrownBy(() -> scorer.parse(42, 1, "{\"from_name\": \"c\"}"))
          .isInstanceOf(MalformedResultException.class)
          .hasMessage("annotation 42: result is not a JSON array");
    }

    @Test
    void an_item_that_is_not_an_object() {
      assertThatThrownBy(() -> scorer.parse(42, 1, "[1]"))
          .isInstanceOf(MalformedResultException.class)
          .hasMessage("annotation 42: result has an item that is not an object");
    }

    @Test
    void content_after_the_result() {
      assertThatThrownBy(() -> scorer.parse(42, 1, "[] []"))
          .isInstanceOf(MalformedResultException.class)
          .hasMessage("annotation 42: result has content after its end");
    }

    @Test
    void a_coordinate_that_is_not_a_number() {
      String json =
          "[{\"from_name\": \"box\", \"value\": {\"x\": \"left\", \"y\": 2, \"width\": 1,"
              + " \"height\": 3}}]";
      assertThatThrownBy(() -> scorer.parse(42, 1, json))
          .isInstanceOf(MalformedResultException.class)
          .hasMessage("annotation 42: result item for 'box' has a value.x that is not a number");
    }

    @Test
    void choices_that_are_objects() {
      String json = "[{\"from_name\": \"c\", \"value\": {\"choices\": [{\"a\": 1}]}}]";
      assertThatThrownBy(() -> scorer.parse(42, 1, json))
          .isInstanceOf(MalformedResultException.class)
          .hasMessage(
              "annotation 42: result item for 'c' has a value.choices that is not a list of"
                  + " strings");
    }

    @Test
    void nesting_deeper_than_any_result_needs() {
      String json = "[{\"value\": {\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}}]";
      assertThatThrownBy(() -> scorer.parse(42, 1, json))
          .isInstanceOf(MalformedResultException.class);
    }
  }
}
