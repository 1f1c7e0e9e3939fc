package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LabelConfigTest {

  @Nested
  class ControlTags {

    @Test
    void are_every_element_with_name_and_to_name_in_document_order_even_when_nested() {
      LabelConfig config =
          LabelConfig.parse(
              """
              <View>
                <Header value="Pick one"/>
                <View style="display: flex">
                  <Text name="text" value="$text"/>
                  <View><Header value="Nested"/>
                    <Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices>
                  </View>
                </View>
                <Labels name="ner" toName="text"><Label value="PER"/></Labels>
                <Rating name="stars" toName="text"/>
              </View>
              """);

      assertThat(config.controlTags())
          .extracting(ControlTag::name, ControlTag::type)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("sentiment", "Choices"),
              org.assertj.core.groups.Tuple.tuple("ner", "Labels"),
              org.assertj.core.groups.Tuple.tuple("stars", "Rating"));
    }

    @Test
    void know_the_object_tag_they_label_wherever_it_stands() {
      LabelConfig config =
          LabelConfig.parse(
              "<View><Labels name=\"ner\" toName=\"page\"/><Labels name=\"lost\" toName=\"x\"/>"
                  + "<View><HyperText name=\"page\" value=\"$html\"/></View></View>");
      assertThat(config.controlTag("ner").orElseThrow().objectType()).isEqualTo("HyperText");
      assertThat(config.controlTag("lost").orElseThrow().objectType()).isNull();
    }

    @Test
    void split_a_to_name_list_on_commas() {
      LabelConfig config =
          LabelConfig.parse("<View><Pairwise name=\"pw\" toName=\"left, right,\"/></View>");
      assertThat(config.controlTag("pw").orElseThrow().toNames()).containsExactly("left", "right");
    }

    @Test
    void know_multiple_choice_and_per_region_tags() {
      LabelConfig config =
          LabelConfig.parse(
              """
              <View>
                <Choices name="tags" toName="text" choice="multiple"/>
                <TextArea name="note" toName="text" perRegion="true"/>
                <Choices name="single" toName="text"/>
              </View>\
              """);

      assertThat(config.controlTag("tags").orElseThrow().multiple()).isTrue();
      assertThat(config.controlTag("note").orElseThrow().perRegion()).isTrue();
      assertThat(config.controlTag("single").orElseThrow())
          .isEqualTo(new ControlTag("single", "Choices", List.of("text"), false, false));
    }

    @Test
    void keep_the_values_of_their_own_choice_and_label_children_in_config_order() {
      LabelConfig config =
          LabelConfig.parse(
              """
              <View>
                <Choices name="grade" toName="text">
                  <Choice value="poor"/><Header value="not a choice"/>
                  <Choice value="good" hint="the middle"/><Choice/><Choice value="best"/>
                </Choices>
                <Rating name="stars" toName="text"/>
              </View>\
              """);

      assertThat(config.controlTag("grade").orElseThrow().values())
          .containsExactly("poor", "good", "best");
      assertThat(config.controlTag("stars").orElseThrow().values()).isEmpty();
    }

    @Test
    void say_a_choice_by_its_alias_count_nested_choices_and_skip_dynamic_ones() {
      LabelConfig config =
          LabelConfig.parse(
              """
              <View>
                <Choices name="grade" toName="text" allowNested="true">
                  <Choice value="Poor" alias="1"/>
                  <Choice value="Good" alias="2"><Choice value="Very good"/></Choice>
                </Choices>
                <Choices name="options" toName="text" value="$options"/>
                <Choices name="mixed" toName="text"><Choice value="$dynamic"/><Choice value="x"/></Choices>
              </View>\
              """);

      assertThat(config.controlTag("grade").orElseThrow().values())
          .containsExactly("1", "2", "Very good");
      assertThat(config.controlTag("options").orElseThrow().values()).isEmpty();
      assertThat(config.controlTag("mixed").orElseThrow().values()).containsExactly("x");
    }

    @Test
    void leave_out_filter_and_elements_without_to_name() {
      LabelConfig config =
          LabelConfig.parse(
              """
              <View>
                <Filter name="filter" toName="ner"/>
                <Text name="text" value="$text"/>
                <Labels name="ner" toName="text"/>
              </View>\
              """);
      assertThat(config.controlTags()).extracting(ControlTag::name).containsExactly("ner");
      assertThat(config.controlTag("filter")).isEmpty();
    }

    @Test
    void may_be_none() {
      assertThat(LabelConfig.parse("<View><Text name=\"t\" value=\"$t\"/></View>").controlTags())
          .isEmpty();
    }

    @Test
    void must_have_distinct_names() {
      assertThatThrownBy(
              () ->
                  LabelConfig.parse(
                      "<View><Choices name=\"a\" toName=\"t\"/><Labels name=\"a\""
                          + " toName=\"t\"/></View>"))
          .isInstanceOf(InvalidLabelConfigException.class)
          .hasMessage("label config has two control tags named 'a'");
    }
  }

  @Nested
  class RefusedConfigs {

    @Test
    void an_empty_config() {
      assertRefused(" ", "label config is empty");
      assertRefused(null, "label config is empty");
    }

    @Test
    void a_config_that_is_not_well_formed() {
      assertRefused(
          "<View><Choices name=\"a\" toName=\"t\"></View>", "not well-formed XML (line 1");
    }

    @Test
    void a_billion_laughs_entity_expansion() {
      StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
      xml.append("<!ENTITY lol0 \"lol\">\n");
      for (int i = 1; i < 10; i++) {
        String previous = "&lol" + (i - 1) + ";";
        xml.append("<!ENTITY lol")
            .append(i)
            .append(" \"")
            .append(previous.repeat(10))
            .append("\">\n");
      }
      xml.append("]>\n<View><Header value=\"&lol9;\"/></View>");
      assertRefused(xml.toString(), "must not contain a DOCTYPE declaration");
    }

    @Test
    void an_external_entity() {
      assertRefused(
          """
          <?xml version="1.0"?>
          <!DOCTYPE view [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
          <View><Header value="&xxe;"/></View>\
          """,
          "must not contain a DOCTYPE declaration");
    }

    @Test
    void an_external_dtd() {
      assertRefused(
          "<!DOCTYPE View SYSTEM \"http://example.invalid/evil.dtd\"><View/>",
          "must not contain a DOCTYPE declaration");
    }

    @Test
    void an_undeclared_entity_reference() {
      assertRefused("<View><Header value=\"&xxe;\"/></View>", "not well-formed XML");
    }

    @Test
    void a_config_of_two_megabytes() {
      String xml = "<View>" + "<Header value=\"x\"/>".repeat(2 * 1024 * 1024 / 18) + "</View>";
      assertRefused(xml, "label config is larger than 1 MiB");
    }

    @Test
    void nesting_ten_thousand_deep() {
      String xml = "<View>".repeat(10_000) + "</View>".repeat(10_000);
      assertRefused(xml, "label config nests elements deeper than 100 levels");
    }

    @Test
    void nesting_as_deep_as_a_megabyte_allows() {
      String xml = "<a>".repeat(145_000) + "</a>".repeat(145_000);
      assertRefused(xml, "label config nests elements deeper than 100 levels");
    }

    @Test
    void a_config_of_plain_text() {
      assertRefused("not xml at all", "not well-formed XML");
    }

    private void assertRefused(String xml, String message) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(2),
          () ->
              assertThatThrownBy(() -> LabelConfig.parse(xml))
                  .isInstanceOf(InvalidLabelConfigException.class)
                  .hasMessageContaining(message));
    }
  }

  /** Behind the DOCTYPE check, the parser itself is hardened. */
  @Nested
  class TheParserItself {

    @Test
    void refuses_a_billion_laughs() {
      String xml =
          """
          <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">]>
          <View><Header value="&lol1;"/></View>\
          """;
      assertThatThrownBy(() -> SecureXml.parse(xml))
          .isInstanceOf(InvalidLabelConfigException.class)
          .hasMessageStartingWith("label config must not contain a DOCTYPE declaration (line 1");
    }

    @Test
    void refuses_an_external_entity() {
      String xml =
          """
          <!DOCTYPE v [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><View value="&xxe;"/>\
          """;
      assertThatThrownBy(() -> SecureXml.parse(xml))
          .isInstanceOf(InvalidLabelConfigException.class)
          .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refuses_an_xinclude() {
      String xml =
          """
          <View xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></View>\
          """;
      assertThat(LabelConfig.parse(xml).controlTags()).isEmpty();
    }
  }

  @Test
  void accepts_nesting_up_to_the_limit() {
    String xml = "<View>".repeat(99) + "<Choices name=\"c\" toName=\"t\"/>" + "</View>".repeat(99);
    assertThat(LabelConfig.parse(xml).controlTags()).hasSize(1);
  }

  @Test
  void reads_a_ratings_scale_from_max_rating_and_defaults_to_five() {
    LabelConfig config =
        LabelConfig.parse(
            Scoring.view(
                "<Rating name=\"ten\" toName=\"obj\" maxRating=\"10\"/>",
                "<Rating name=\"plain\" toName=\"obj\"/>",
                "<Rating name=\"odd\" toName=\"obj\" maxRating=\"lots\"/>"));
    assertThat(config.controlTag("ten").orElseThrow().ratingScale()).hasSize(10).startsWith(1, 2);
    assertThat(config.controlTag("plain").orElseThrow().ratingScale())
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(config.controlTag("odd").orElseThrow().maxRating()).isNull();
  }
}
