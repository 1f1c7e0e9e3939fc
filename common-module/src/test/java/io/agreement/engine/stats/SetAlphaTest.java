package io.agreement.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.KrippendorffAlpha.Level;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Krippendorff's alpha over sets of categories (multi-select Choices, Taxonomy). */
class SetAlphaTest {

  /**
   * Two coders, six units. No published data set uses these distances with alpha, so the values are
   * computed by hand in the comments below, from Krippendorff (2011)'s alpha = 1 - (n - 1) sum(o *
   * delta) / sum(n_c n_k delta) with Jaccard's distance and with Passonneau (2006)'s MASI.
   */
  private static final List<List<Set<String>>> UNITS =
      List.of(
          List.of(Set.of("a", "b"), Set.of("a", "b")),
          List.of(Set.of("a"), Set.of("a", "b")),
          List.of(Set.of("b"), Set.of("c")),
          List.of(Set.of("a", "c"), Set.of("a", "b")),
          List.of(Set.of("c"), Set.of("c")),
          List.of(Set.of("b"), Set.of("b")));

  private static Double alpha(List<List<Set<String>>> units, SetDistance distance) {
    RatingTable table = new RatingTable(Scale.sets());
    for (int u = 0; u < units.size(); u++) {
      List<Set<String>> unit = units.get(u);
      table.put(
          u,
          new long[] {1, 2},
          new int[] {table.scale().code(unit.get(0)), table.scale().code(unit.get(1))});
    }
    return Statistics.compute(table, StatisticsOptions.ofSets(distance, 1, "tags"))
        .krippendorffAlpha()
        .value();
  }

  /**
   * n = 12 values: {a,b} 4, {b} 3, {c} 3, {a} 1, {a,c} 1. Observed, over the ordered pairs within
   * units: 2 (0 + 1/2 + 1 + 2/3) = 13/3. Expected, over ordered pairs of values: 2 (4*1*1/2 +
   * 4*3*1/2 + 4*3*1 + 4*1*2/3 + 1*3*1 + 1*3*1 + 1*1*1/2 + 3*3*1 + 3*1*1 + 3*1*1/2) = 256/3. Alpha =
   * 1 - 11 (13/3) / (256/3) = 113/256.
   */
  @Test
  void gives_the_hand_computed_alpha_with_jaccard_distance() {
    assertThat(alpha(UNITS, SetDistance.JACCARD)).isCloseTo(113.0 / 256, within(1e-12));
  }

  /**
   * MASI distances: subset pairs 1 - J * 2/3 ({a}-{a,b}, {b}-{a,b}, {a}-{a,c}, {c}-{a,c}: 2/3),
   * overlapping {a,c}-{a,b} 1 - 1/3 * 1/3 = 8/9, disjoint 1. Observed 2 (0 + 2/3 + 1 + 8/9) = 46/9;
   * expected 2 (4*2/3 + 12*2/3 + 12 + 4*8/9 + 3 + 3 + 2/3 + 9 + 3 + 3*2/3) = 844/9. Alpha = 1 - 11
   * (46/9) / (844/9) = 169/422.
   */
  @Test
  void gives_the_hand_computed_alpha_with_masi_distance() {
    assertThat(alpha(UNITS, SetDistance.MASI)).isCloseTo(169.0 / 422, within(1e-12));
  }

  /** Passonneau (2006): MASI of {1,2} and {1,2,3,4} is J 1/2 times monotonicity 2/3. */
  @Test
  void weighs_a_subset_by_two_thirds() {
    assertThat(SetDistance.MASI.between(Set.of("1", "2"), Set.of("1", "2", "3", "4")))
        .isCloseTo(1 - 0.5 * 2 / 3, within(1e-12));
    assertThat(SetDistance.JACCARD.between(Set.of(), Set.of())).isZero();
    assertThat(SetDistance.MASI.between(Set.of(), Set.of("a"))).isEqualTo(1);
  }

  /** Sets of one member are categories: both distances are then the nominal one. */
  @Test
  void equals_nominal_alpha_when_every_set_has_one_member() {
    double[][] data = PublishedValuesTest.FOUR_OBSERVERS;
    RatingTable table = new RatingTable(Scale.sets());
    for (int u = 0; u < data[0].length; u++) {
      long[] raters = {1, 2, 3, 4};
      int[] codes = new int[4];
      for (int r = 0; r < 4; r++) {
        codes[r] =
            Double.isNaN(data[r][u])
                ? Scale.MISSING
                : table.scale().code(Set.of(String.valueOf(data[r][u])));
      }
      table.put(u, raters, codes);
    }
    double nominal = KrippendorffAlpha.of(Level.NOMINAL, data).orElseThrow();
    for (SetDistance distance : SetDistance.values()) {
      assertThat(
              Statistics.compute(table, StatisticsOptions.ofSets(distance, 1, "t"))
                  .krippendorffAlpha()
                  .value())
          .as(distance.apiName())
          .isCloseTo(nominal, within(1e-12));
    }
  }
}
