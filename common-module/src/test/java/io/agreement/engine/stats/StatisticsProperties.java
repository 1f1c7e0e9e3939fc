package io.agreement.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.KrippendorffAlpha.Level;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the coefficients over random reliability data with missing values. */
class StatisticsProperties {

  /** {@code [rater][unit]} ratings 1..5 near a per-unit truth, some missing. */
  private static double[][] data(long seed, int raters, int units, double p, double missing) {
    Random random = new Random(seed);
    double[][] data = new double[raters][units];
    for (int u = 0; u < units; u++) {
      int truth = 1 + random.nextInt(5);
      for (int r = 0; r < raters; r++) {
        data[r][u] =
            random.nextDouble() < missing
                ? Double.NaN
                : random.nextDouble() < p ? truth : 1 + random.nextInt(5);
      }
    }
    return data;
  }

  private static TagStatistics compute(RatingTable table, Level level, long seed) {
    return Statistics.compute(table, StatisticsOptions.of(level, true, seed, "rating"));
  }

  private static Stream<Double> numbers(TagStatistics s) {
    return Stream.of(
        s.percentAgreement().value(),
        s.krippendorffAlpha().value(),
        s.fleissKappa().value(),
        s.fleissKappa().se(),
        s.gwet().value(),
        s.gwet().se());
  }

  @Property(tries = 60)
  void is_a_number_or_null_never_nan(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int raters,
      @ForAll @IntRange(min = 0, max = 40) int units,
      @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @DoubleRange(min = 0, max = 0.9) double missing,
      @ForAll Level level) {
    RatingTable table = Tables.numbers(data(seed, raters, Math.max(units, 1), p, missing));
    TagStatistics stats = compute(table, level, seed);
    assertThat(numbers(stats)).allMatch(v -> v == null || Double.isFinite(v));
    assertThat(
            Stream.of(stats.cohenKappa(), stats.cohenKappaLinear(), stats.cohenKappaQuadratic())
                .flatMap(m -> Stream.of(m.matrix()).flatMap(Stream::of)))
        .allMatch(v -> v == null || Double.isFinite(v));
  }

  @Property(tries = 40)
  void gives_the_engines_alpha_at_every_level(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 6) int raters,
      @ForAll @IntRange(min = 2, max = 60) int units,
      @ForAll @DoubleRange(min = 0, max = 0.5) double missing,
      @ForAll Level level) {
    double[][] data = data(seed, raters, units, 0.5, missing);
    var expected = KrippendorffAlpha.of(level, data);
    Double alpha = compute(Tables.numbers(data), level, 1).krippendorffAlpha().value();
    if (expected.isEmpty()) {
      assertThat(alpha).isNull();
    } else {
      assertThat(alpha).isCloseTo(expected.getAsDouble(), within(1e-9));
    }
  }

  @Property(tries = 30)
  void is_one_for_perfect_agreement(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 6) int raters,
      @ForAll @IntRange(min = 12, max = 60) int units,
      @ForAll Level level) {
    double[][] data = data(seed, raters, units, 1, 0);
    data[0][0] = 1;
    data[0][1] = 5;
    for (double[] rater : data) {
      rater[0] = 1;
      rater[1] = 5;
    }
    TagStatistics stats = compute(Tables.numbers(data), level, seed);
    assertThat(
            Stream.of(
                stats.percentAgreement().value(),
                stats.krippendorffAlpha().value(),
                stats.fleissKappa().value(),
                stats.gwet().value()))
        .allSatisfy(v -> assertThat(v).isCloseTo(1, within(1e-9)));
    assertThat(stats.cohenKappa().matrix()[0][1]).isCloseTo(1, within(1e-9));
    assertThat(stats.cohenKappaQuadratic().matrix()[0][1]).isCloseTo(1, within(1e-9));
  }

  @Property(tries = 30)
  void does_not_depend_on_the_order_of_the_raters(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 5) int raters,
      @ForAll @IntRange(min = 10, max = 60) int units,
      @ForAll Level level) {
    double[][] data = data(seed, raters, units, 0.6, 0.2);
    double[][] reversed = new double[raters][];
    for (int r = 0; r < raters; r++) {
      reversed[r] = data[raters - 1 - r];
    }
    TagStatistics forward = compute(Tables.numbers(data), level, seed);
    TagStatistics backward = compute(Tables.numbers(reversed), level, seed);
    assertThat(numbers(backward).toList())
        .usingComparatorForType(StatisticsProperties::close, Double.class)
        .isEqualTo(numbers(forward).toList());
    Double[][] kappas = forward.cohenKappaLinear().matrix();
    Double[][] flipped = backward.cohenKappaLinear().matrix();
    for (int a = 0; a < raters; a++) {
      for (int b = 0; b < raters; b++) {
        assertThat(flipped[raters - 1 - a][raters - 1 - b])
            .usingComparator(StatisticsProperties::close)
            .isEqualTo(kappas[a][b]);
        assertThat(kappas[b][a])
            .usingComparator(StatisticsProperties::close)
            .isEqualTo(kappas[a][b]);
      }
    }
  }

  @Property(tries = 20)
  void brackets_the_estimate_with_the_bootstrap_interval(
      @ForAll long seed,
      @ForAll @IntRange(min = 3, max = 5) int raters,
      @ForAll @IntRange(min = 150, max = 300) int units,
      @ForAll @DoubleRange(min = 0.4, max = 0.8) double p) {
    TagStatistics stats =
        compute(Tables.numbers(data(seed, raters, units, p, 0.1)), Level.INTERVAL, seed);
    TagStatistics.Alpha alpha = stats.krippendorffAlpha();
    assertThat(alpha.value()).isBetween(alpha.ci().low(), alpha.ci().high());
    for (TagStatistics.Estimate e :
        new TagStatistics.Estimate[] {
          stats.percentAgreement(), stats.fleissKappa(), stats.gwet()
        }) {
      assertThat(e.value()).isBetween(e.ci().low(), e.ci().high());
    }
    assertThat(compute(Tables.numbers(data(seed, raters, units, p, 0.1)), Level.INTERVAL, seed))
        .as("the same seed, the same intervals")
        .usingRecursiveComparison()
        .isEqualTo(stats);
  }

  private static int close(Double a, Double b) {
    if (a == null || b == null) {
      return a == b ? 0 : 1;
    }
    return Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b);
  }
}
