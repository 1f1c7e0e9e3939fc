package io.agreement.generate;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of durations, in milliseconds.
 *
 * @param count how many values
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
record Percentiles(int count, double p50, double p95, double p99, double max) {

  /** Of durations in nanoseconds; all zero for none. */
  static Percentiles ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Percentiles(0, 0, 0, 0, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        rank(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double rank(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
