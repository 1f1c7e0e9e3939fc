package io.agreement.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Nominal alpha needs only the mismatching coincidences and the category totals n_c. */
final class NominalCoincidences implements KrippendorffAlpha.Coincidences {

  private final Map<Double, double[]> categoryTotals = new HashMap<>();
  private double n;
  private double mismatches;

  @Override
  public void add(double[] values, int m) {
    int unequalPairs = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        unequalPairs += values[i] == values[j] ? 0 : 1;
      }
      categoryTotals.computeIfAbsent(values[i], v -> new double[1])[0]++;
    }
    mismatches += 2.0 * unequalPairs / (m - 1);
    n += m;
  }

  /** Expected: sum over c != k of n_c * n_k = n^2 - sum of n_c^2. */
  @Override
  public OptionalDouble alpha() {
    double sumOfSquares = 0;
    for (double[] total : categoryTotals.values()) {
      sumOfSquares += total[0] * total[0];
    }
    return KrippendorffAlpha.Coincidences.alpha(n, mismatches, n * n - sumOfSquares);
  }
}
