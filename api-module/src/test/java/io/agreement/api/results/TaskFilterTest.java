package io.agreement.api.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.Paging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskFilterTest {

  @Test
  void defaults_to_the_first_page_of_fifty_without_bounds() {
    TaskFilter filter = TaskFilter.parse(null, null, null, null, null);
    assertThat(filter).isEqualTo(new TaskFilter(null, null, null, new Paging(1, 50)));
    assertThat(filter.paging().offset()).isZero();
  }

  @Test
  void reads_bounds_as_plain_decimals_and_pages_from_one() {
    TaskFilter filter = TaskFilter.parse("sentiment", "0", " .25 ", "3", "500");
    assertThat(filter).isEqualTo(new TaskFilter("sentiment", 0.0, 0.25, new Paging(3, 500)));
    assertThat(filter.paging().offset()).isEqualTo(1000);
    assertThat(TaskFilter.parse(null, "1E-1", "1.000", null, null).min()).isEqualTo(0.1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NaN",
        "-NaN",
        "Infinity",
        "-0.0001",
        "1.0000001",
        "1d",
        "0.5f",
        "0x1p-1",
        "",
        " ",
        "1e99999999999",
        "½"
      })
  void refuses_bounds_that_are_not_numbers_from_0_to_1(String value) {
    assertThatThrownBy(() -> TaskFilter.parse(null, value, null, null, null))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'min' must be a number from 0 to 1");
  }

  @Test
  void refuses_min_above_max() {
    assertThatThrownBy(() -> TaskFilter.parse(null, "0.6", "0.4", null, null))
        .hasMessageContaining("must not be greater than max");
  }

  @Test
  void caps_a_page_size_above_500() {
    assertThat(TaskFilter.parse(null, null, null, null, "501").paging().size()).isEqualTo(500);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "ten", "2147483648"})
  void refuses_page_sizes_out_of_range(String size) {
    assertThatThrownBy(() -> TaskFilter.parse(null, null, null, null, size))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("page_size");
  }
}
