package io.agreement.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The coincidence matrix itself, for the ordinal and ratio metrics that need all of it. It holds
 * one cell per pair of distinct values that met in a unit, so it grows with the variety of the
 * values, not with the number of units.
 *
 * <p>The ordinal distance of Krippendorff (2011), (sum of n_g for g from c to k, minus (n_c + n_k)
 * / 2) squared, equals (r_k - r_c) squared with r_i = N_i - n_i / 2, where N_i is the running total
 * of n up to and including value i: the ordinal alpha is the interval alpha of these mid-ranks. So
 * the expected term takes one pass over the values instead of a sum over every pair of them with a
 * sum between them. The ratio expected term sums over all pairs of distinct values.
 */
final class SparseCoincidences implements KrippendorffAlpha.Coincidences {

  private final KrippendorffAlpha.Level level;
  private final Map<Double, Map<Double, double[]>> matrix = new HashMap<>();

  SparseCoincidences(KrippendorffAlpha.Level level) {
    this.level = level;
  }

  @Override
  public void add(double[] values, int m) {
    for (int i = 0; i < m; i++) {
      Map<Double, double[]> row = matrix.computeIfAbsent(values[i], v -> new HashMap<>());
      for (int j = 0; j < m; j++) {
        if (i != j) {
          row.computeIfAbsent(values[j], v -> new double[1])[0] += 1.0 / (m - 1);
        }
      }
    }
  }

  @Override
  public OptionalDouble alpha() {
    double[] values = matrix.keySet().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] totals = new double[values.length];
    Map<Double, Integer> index = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      index.put(values[i], i);
      totals[i] = matrix.get(values[i]).values().stream().mapToDouble(o -> o[0]).sum();
    }
    double n = Arrays.stream(totals).sum();
    double[] positions = level == KrippendorffAlpha.Level.ORDINAL ? midRanks(totals) : values;
    double observed = 0;
    for (var row : matrix.entrySet()) {
      int c = index.get(row.getKey());
      for (var cell : row.getValue().entrySet()) {
        observed += cell.getValue()[0] * distance(positions, c, index.get(cell.getKey()));
      }
    }
    double expected =
        level == KrippendorffAlpha.Level.ORDINAL
            ? squaredSpread(positions, totals, n)
            : expectedByPairs(positions, totals);
    return KrippendorffAlpha.Coincidences.alpha(n, observed, expected);
  }

  private static double[] midRanks(double[] totals) {
    double[] ranks = new double[totals.length];
    double running = 0;
    for (int i = 0; i < totals.length; i++) {
      running += totals[i];
      ranks[i] = running - totals[i] / 2;
    }
    return ranks;
  }

  /** Sum of n_c * n_k * (x_c - x_k)^2 over all c, k: 2 n * sum of n_c * (x_c - mean)^2. */
  private static double squaredSpread(double[] x, double[] totals, double n) {
    double mean = 0;
    for (int i = 0; i < x.length; i++) {
      mean += totals[i] * x[i] / n;
    }
    double spread = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean;
      spread += totals[i] * d * d;
    }
    return 2 * n * spread;
  }

  private double expectedByPairs(double[] values, double[] totals) {
    double expected = 0;
    for (int c = 0; c < values.length; c++) {
      for (int k = c + 1; k < values.length; k++) {
        expected += 2 * totals[c] * totals[k] * distance(values, c, k);
      }
    }
    return expected;
  }

  /** The squared metric difference of Krippendorff (2011), section E, of values c and k. */
  private double distance(double[] positions, int c, int k) {
    if (c == k) {
      return 0;
    }
    double a = positions[c];
    double b = positions[k];
    return switch (level) {
      case ORDINAL, INTERVAL -> square(a - b);
      case RATIO -> square((a - b) / (a + b));
      case NOMINAL -> 1;
    };
  }

  private static double square(double x) {
    return x * x;
  }
}
