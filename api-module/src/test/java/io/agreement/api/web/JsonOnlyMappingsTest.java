package io.agreement.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonOnlyMappingsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json;q=0",
        "*/*;q=0",
        "application/*;q=0",
        "application/json;q=0, */*",
        "text/html, application/json;q=0.0"
      })
  void quality_zero_on_the_most_specific_range_covering_json_refuses_it(String accept) {
    assertThat(JsonOnlyMappings.refusesJson(accept)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "application/json",
        "*/*",
        "application/*;q=0, application/json",
        "*/*;q=0, application/json;q=0.1",
        "text/html, */*;q=0.1",
        "text/html",
        "not a media type"
      })
  void other_accept_headers_are_left_to_the_mapping(String accept) {
    assertThat(JsonOnlyMappings.refusesJson(accept)).isFalse();
  }
}
