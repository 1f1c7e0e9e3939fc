package io.agreement.api.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.api.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectScopeTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", " 42 ", "2147483647"})
  void path_ids_are_positive_postgresql_integers(String raw) {
    assertThat(ProjectScope.pathId("project id", raw)).isEqualTo(Long.parseLong(raw.trim()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "0",
        "-1",
        "2147483648",
        "9223372036854775808",
        "1.0",
        "1e3",
        "0x1",
        "NaN"
      })
  void anything_else_is_400_naming_the_value(String raw) {
    assertThatThrownBy(() -> ProjectScope.pathId("task id", raw))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("task id")
        .hasMessageContaining("'" + raw + "'");
  }
}
