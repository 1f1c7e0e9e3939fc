package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1.5", "+2", " 3 ", "1e5", "1.5E-3", "7."})
  void reads_what_parse_double_reads(String text) {
    assertThat(Numbers.parseOrNaN(text)).isEqualTo(Double.parseDouble(text.trim()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", ".", "1e", "1e+", "2024-01-01", "/p[1]", "NaN", "0x10", "1.2.3"})
  void answers_nan_without_throwing_for_anything_else(String text) {
    assertThat(Numbers.parseOrNaN(text)).isNaN();
  }
}
