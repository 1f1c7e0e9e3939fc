package io.agreement.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The coincidence matrix itself, for the ordinal and ratio metrics that need all of it. */
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
    TreeMap<Double, Double> totals = new TreeMap<>();
    matrix.forEach((c, row) -> totals.put(c, row.values().stream().mapToDouble(o -> o[0]).sum()));
    Distances distances = new Distances(level, totals);
    double observed = 0;
    for (var row : matrix.entrySet()) {
      for (var cell : row.getValue().entrySet()) {
        observed += cell.getValue()[0] * distances.squared(row.getKey(), cell.getKey());
      }
    }
    double expected = 0;
    for (var c : totals.entrySet()) {
      for (var k : totals.entrySet()) {
        expected += c.getValue() * k.getValue() * distances.squared(c.getKey(), k.getKey());
      }
    }
    double n = totals.values().stream().mapToDouble(Double::doubleValue).sum();
    return KrippendorffAlpha.Coincidences.alpha(n, observed, expected);
  }

  /** The squared metric differences of Krippendorff (2011), section E. */
  private record Distances(KrippendorffAlpha.Level level, TreeMap<Double, Double> totals) {

    double squared(double c, double k) {
      return switch (level) {
        case ORDINAL -> ordinal(Math.min(c, k), Math.max(c, k));
        case RATIO -> c + k == 0 ? 0 : square((c - k) / (c + k));
        case INTERVAL -> square(c - k);
        case NOMINAL -> c == k ? 0 : 1;
      };
    }

    /** (sum of n_g for g from c to k, minus (n_c + n_k) / 2) squared. */
    private double ordinal(double c, double k) {
      if (c == k) {
        return 0;
      }
      double between = 0;
      for (double total : totals.subMap(c, true, k, true).values()) {
        between += total;
      }
      return square(between - (totals.get(c) + totals.get(k)) / 2);
    }

    private static double square(double x) {
      return x * x;
    }
  }
}
