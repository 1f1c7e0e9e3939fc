package io.agreement.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agreement.engine.KrippendorffAlpha.Level;
import io.agreement.testsupport.ReliabilityData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against published data sets: the worked examples of Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability"; Table 1 of Hayes and Krippendorff (2007), "Answering the Call
 * for a Standard Reliability Measure for Coding Data"; and the three-coder example of
 * Krippendorff's "Content Analysis" that Wikipedia's article on the coefficient computes by hand.
 */
class KrippendorffAlphaTest {

  private static final double M = Double.NaN;

  /** Section C: four observers, twelve units, values 1 to 5, missing values. */
  private static final double[][] FOUR_OBSERVERS = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
    {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
  };

  /** Section A: two observers, binary data, ten units. */
  private static final double[][] BINARY = {
    {0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
    {1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
  };

  /** Krippendorff, "Content Analysis": three coders, fifteen units, values 1 to 4. */
  private static final double[][] THREE_CODERS = {
    {M, M, M, M, M, 3, 4, 1, 2, 1, 1, 3, 3, M, 3},
    {1, M, 2, 1, 3, 3, 4, 3, M, M, M, M, M, M, M},
    {M, M, 2, 1, 3, 4, 4, M, 2, 1, 1, 3, 3, M, 4},
  };

  @Test
  void reproduces_the_published_ordinal_alpha_of_the_news_tone_data() {
    assertThat(
            Arrays.stream(ReliabilityData.NEWS_TONE)
                .flatMapToDouble(Arrays::stream)
                .filter(v -> v == v))
        .as("Table 1 holds 159 judgements")
        .hasSize(159);
    assertThat(KrippendorffAlpha.of(Level.ORDINAL, ReliabilityData.NEWS_TONE).orElseThrow())
        .isCloseTo(0.7598, within(0.00005));
  }

  /**
   * The paper publishes only the ordinal value; these are the other levels on the same data as an
   * independent implementation of Krippendorff's definitions computes them.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"NOMINAL, 0.4765", "INTERVAL, 0.7574", "RATIO, 0.6621"})
  void gives_the_other_levels_of_the_news_tone_data(Level level, double expected) {
    assertThat(KrippendorffAlpha.of(level, ReliabilityData.NEWS_TONE).orElseThrow())
        .isCloseTo(expected, within(0.00005));
  }

  @Test
  void reproduces_the_hand_computed_nominal_alpha_of_the_three_coder_example() {
    assertThat(KrippendorffAlpha.of(Level.NOMINAL, THREE_CODERS).orElseThrow())
        .isCloseTo(0.691, within(0.0005));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"NOMINAL, 0.743", "ORDINAL, 0.815", "INTERVAL, 0.849", "RATIO, 0.797"})
  void reproduces_the_four_observer_example_with_missing_values(Level level, double expected) {
    assertThat(KrippendorffAlpha.of(level, FOUR_OBSERVERS).orElseThrow())
        .isCloseTo(expected, within(0.0005));
  }

  @Test
  void reproduces_the_two_observer_binary_example() {
    assertThat(KrippendorffAlpha.of(Level.NOMINAL, BINARY).orElseThrow())
        .isCloseTo(0.095, within(0.0005));
  }

  @Test
  void gives_the_same_alpha_unit_by_unit_as_for_the_whole_matrix() {
    KrippendorffAlpha incremental = new KrippendorffAlpha(Level.INTERVAL);
    for (int unit = 0; unit < 12; unit++) {
      double[] values = new double[4];
      for (int coder = 0; coder < 4; coder++) {
        values[coder] = FOUR_OBSERVERS[coder][unit];
      }
      incremental.addUnit(values);
    }
    assertThat(incremental.alpha().orElseThrow())
        .isEqualTo(KrippendorffAlpha.of(Level.INTERVAL, FOUR_OBSERVERS).orElseThrow());
  }

  @Test
  void agrees_between_the_closed_forms_and_the_full_coincidence_matrix() {
    double[][] data = {{1, 2, 2, 3, 7, M}, {1, 3, 2, 4, 7, 2}, {2, 2, M, 3, 6, 2}};
    KrippendorffAlpha.Coincidences nominal = new NominalCoincidences();
    KrippendorffAlpha.Coincidences interval = new IntervalCoincidences();
    SparseCoincidences full = new SparseCoincidences(Level.NOMINAL);
    SparseCoincidences fullInterval = new SparseCoincidences(Level.INTERVAL);
    for (int unit = 0; unit < 6; unit++) {
      double[] values = new double[3];
      int m = 0;
      for (double[] coder : data) {
        if (!Double.isNaN(coder[unit])) {
          values[m++] = coder[unit];
        }
      }
      if (m >= 2) {
        nominal.add(values, m);
        interval.add(values, m);
        full.add(values, m);
        fullInterval.add(values, m);
      }
    }
    assertThat(nominal.alpha().orElseThrow()).isCloseTo(full.alpha().orElseThrow(), within(1e-12));
    assertThat(interval.alpha().orElseThrow())
        .isCloseTo(fullInterval.alpha().orElseThrow(), within(1e-12));
  }

  /** Krippendorff's definitions written out directly: every pair of values, every sum between. */
  private static double bruteForce(Level level, double[][] data) {
    TreeMap<Double, TreeMap<Double, Double>> o = new TreeMap<>();
    for (int u = 0; u < data[0].length; u++) {
      List<Double> values = new ArrayList<>();
      for (double[] coder : data) {
        if (!Double.isNaN(coder[u])) {
          values.add(coder[u]);
        }
      }
      for (int i = 0; i < values.size(); i++) {
        for (int j = 0; j < values.size(); j++) {
          if (i != j) {
            o.computeIfAbsent(values.get(i), v -> new TreeMap<>())
                .merge(values.get(j), 1.0 / (values.size() - 1), Double::sum);
          }
        }
      }
    }
    TreeMap<Double, Double> n = new TreeMap<>();
    o.forEach((c, row) -> n.put(c, row.values().stream().mapToDouble(x -> x).sum()));
    BinaryOperator<Double> delta =
        (c, k) -> {
          if (level == Level.ORDINAL) {
            double lo = Math.min(c, k);
            double hi = Math.max(c, k);
            double between =
                n.subMap(lo, true, hi, true).values().stream().mapToDouble(x -> x).sum();
            double d = between - (n.get(c) + n.get(k)) / 2;
            return c.equals(k) ? 0 : d * d;
          }
          double r = (c - k) / (c + k);
          return c.equals(k) ? 0 : r * r;
        };
    double observed = 0;
    double expected = 0;
    for (var c : o.keySet()) {
      for (var k : o.keySet()) {
        observed += o.get(c).getOrDefault(k, 0.0) * delta.apply(c, k);
        expected += n.get(c) * n.get(k) * delta.apply(c, k);
      }
    }
    double total = n.values().stream().mapToDouble(x -> x).sum();
    return 1 - (total - 1) * observed / expected;
  }

  private static double[][] randomData(long seed, int coders, int units, int distinct) {
    Random random = new Random(seed);
    double[][] data = new double[coders][units];
    for (int u = 0; u < units; u++) {
      double truth = random.nextInt(distinct);
      for (int c = 0; c < coders; c++) {
        data[c][u] =
            random.nextDouble() < 0.15
                ? M
                : Math.max(0, truth + random.nextInt(7) - 3) + (random.nextBoolean() ? 0.5 : 0);
      }
    }
    return data;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ORDINAL", "RATIO"})
  void agrees_with_the_definitions_written_out_on_varied_data(Level level) {
    for (long seed = 1; seed <= 5; seed++) {
      double[][] data = randomData(seed, 4, 150, 40);
      assertThat(KrippendorffAlpha.of(level, data).orElseThrow())
          .as("seed %d", seed)
          .isCloseTo(bruteForce(level, data), within(1e-9));
    }
  }

  @Test
  void takes_thousands_of_distinct_values_in_its_stride() {
    double[][] data = randomData(7, 3, 20_000, 1_000_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          assertThat(KrippendorffAlpha.of(Level.ORDINAL, data)).isPresent();
          assertThat(KrippendorffAlpha.of(Level.RATIO, randomData(8, 3, 3_000, 1_000_000)))
              .isPresent();
        });
  }

  @Test
  void counts_a_negative_value_as_missing_at_the_ratio_level() {
    double[][] withNegative = {{1, 2, -3, 4}, {1, 3, 3, 4}, {2, 2, 3, 5}};
    double[][] withMissing = {{1, 2, M, 4}, {1, 3, 3, 4}, {2, 2, 3, 5}};
    assertThat(KrippendorffAlpha.of(Level.RATIO, withNegative))
        .isEqualTo(KrippendorffAlpha.of(Level.RATIO, withMissing));
    assertThat(KrippendorffAlpha.of(Level.INTERVAL, withNegative))
        .isNotEqualTo(KrippendorffAlpha.of(Level.INTERVAL, withMissing));
  }

  @Nested
  class IsUndefined {

    @Test
    void without_pairable_values() {
      double[][] lonely = {{1, M, 3}, {M, 2, M}};
      for (Level level : Level.values()) {
        assertThat(KrippendorffAlpha.of(level, lonely)).as(level.apiName()).isEmpty();
      }
    }

    @Test
    void without_variation() {
      double[][] same = {{2, 2, 2}, {2, 2, M}};
      for (Level level : Level.values()) {
        assertThat(KrippendorffAlpha.of(level, same)).as(level.apiName()).isEmpty();
      }
    }
  }

  @Test
  void is_one_for_perfect_agreement_with_variation() {
    double[][] perfect = {{1, 2, 3}, {1, 2, 3}};
    assertThat(KrippendorffAlpha.of(Level.NOMINAL, perfect)).isEqualTo(OptionalDouble.of(1));
  }

  @Test
  void names_its_levels_as_the_api_does() {
    assertThat(Level.NOMINAL.apiName()).isEqualTo("nominal");
    assertThat(Level.INTERVAL.apiName()).isEqualTo("interval");
  }
}
