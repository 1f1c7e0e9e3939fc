package io.agreement.engine;

import java.util.OptionalDouble;

/**
 * Interval alpha from sums alone: the observed term sums squared differences within units, and the
 * expected term, sum of n_c * n_k * (c - k)^2, equals 2 n times the sum of squared deviations from
 * the mean of all pairable values (kept with Welford's update for accuracy).
 */
final class IntervalCoincidences implements KrippendorffAlpha.Coincidences {

  private double n;
  private double mean;
  private double squaredDeviations;
  private double observed;

  @Override
  public void add(double[] values, int m) {
    double squaredDifferences = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double d = values[i] - values[j];
        squaredDifferences += d * d;
      }
      n++;
      double delta = values[i] - mean;
      mean += delta / n;
      squaredDeviations += delta * (values[i] - mean);
    }
    observed += 2 * squaredDifferences / (m - 1);
  }

  @Override
  public OptionalDouble alpha() {
    return KrippendorffAlpha.Coincidences.alpha(n, observed, 2 * n * squaredDeviations);
  }
}
