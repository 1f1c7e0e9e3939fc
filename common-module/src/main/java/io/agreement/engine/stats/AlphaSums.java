package io.agreement.engine.stats;

import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.KrippendorffAlpha.Level;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Krippendorff's alpha from a table's unit counts, for any weighting of the units, so that the
 * bootstrap can resample tasks: each unit's observed disagreement is kept once, and only the value
 * totals n_c are summed again per resample. The sums are the ones {@link KrippendorffAlpha} keeps
 * (Krippendorff 2011), and so is the final formula; the levels' distances are Krippendorff's, and a
 * set-valued tag takes a {@link SetDistance}. At the ordinal level the distances depend on the
 * totals (mid-ranks), so the observed term is summed again per resample too.
 */
final class AlphaSums {

  private final UnitCounts counts;
  private final Scale scale;
  private final Level level;
  private final SetDistance distance;
  private final boolean[] excluded;
  private final int[] pairable;
  private final double[] observed;
  private final int[] byPosition;
  private double[][] distances;

  AlphaSums(UnitCounts counts, Scale scale, Level level, SetDistance distance) {
    this.counts = counts;
    this.scale = scale;
    this.level = level;
    this.distance = distance;
    int q = scale.size();
    excluded = new boolean[q];
    for (int c = 0; c < q; c++) {
      // A ratio scale starts at an absolute zero: a negative value counts as missing, as there.
      excluded[c] = level == Level.RATIO && scale.position(c) < 0;
    }
    byPosition =
        IntStream.range(0, q)
            .boxed()
            .sorted(Comparator.comparingDouble(scale::position))
            .mapToInt(c -> c)
            .toArray();
    pairable = new int[counts.patterns];
    observed = new double[counts.patterns];
    for (int u = 0; u < counts.patterns; u++) {
      pairable[u] = kept(u);
      observed[u] = pairable[u] < 2 || level == Level.ORDINAL ? 0 : unitObserved(u, null);
    }
  }

  /** The number of pairable values: those in units with two or more of them. */
  long pairableValues() {
    long n = 0;
    for (int p = 0; p < counts.patterns; p++) {
      n += pairable[p] >= 2 ? (long) counts.weight[p] * pairable[p] : 0;
    }
    return n;
  }

  /** Null when undefined: no pairable values, or none that differ. */
  Double alpha(int[] times) {
    double[] totals = new double[scale.size()];
    double n = 0;
    for (int u = 0; u < counts.patterns; u++) {
      if (times[u] == 0 || pairable[u] < 2) {
        continue;
      }
      n += (double) times[u] * pairable[u];
      for (int i = counts.start[u]; i < counts.start[u + 1]; i++) {
        if (!excluded[counts.code[i]]) {
          totals[counts.code[i]] += times[u] * counts.count[i];
        }
      }
    }
    double[] ranks = level == Level.ORDINAL ? midRanks(totals) : null;
    double observedSum = 0;
    for (int u = 0; u < counts.patterns; u++) {
      if (times[u] != 0 && pairable[u] >= 2) {
        observedSum += times[u] * (ranks == null ? observed[u] : unitObserved(u, ranks));
      }
    }
    var alpha = KrippendorffAlpha.fromSums(n, observedSum, expected(totals, n, ranks));
    return alpha.isPresent() ? alpha.getAsDouble() : null;
  }

  private int kept(int u) {
    int m = 0;
    for (int i = counts.start[u]; i < counts.start[u + 1]; i++) {
      m += excluded[counts.code[i]] ? 0 : counts.count[i];
    }
    return m;
  }

  /** Sum over ordered pairs of the unit's values of delta, divided by m_u - 1. */
  private double unitObserved(int u, double[] ranks) {
    double sum = 0;
    for (int i = counts.start[u]; i < counts.start[u + 1]; i++) {
      for (int j = counts.start[u]; j < counts.start[u + 1]; j++) {
        int a = counts.code[i];
        int b = counts.code[j];
        if (a != b && !excluded[a] && !excluded[b]) {
          sum += (double) counts.count[i] * counts.count[j] * delta(a, b, ranks);
        }
      }
    }
    return sum / (pairable[u] - 1);
  }

  /** Sum over c != k of n_c * n_k * delta_ck. */
  private double expected(double[] totals, double n, double[] ranks) {
    return switch (level == null ? Level.RATIO : level) {
      case NOMINAL -> n * n - Arrays.stream(totals).map(t -> t * t).sum();
      case INTERVAL ->
          squaredSpread(
              totals, n, IntStream.range(0, totals.length).mapToDouble(scale::position).toArray());
      case ORDINAL -> squaredSpread(totals, n, ranks);
      case RATIO -> byPairs(totals, ranks);
    };
  }

  /** Sum of n_c * n_k * (x_c - x_k)^2 over all c, k: 2 n * sum of n_c * (x_c - mean)^2. */
  private static double squaredSpread(double[] totals, double n, double[] x) {
    if (n == 0) {
      return 0;
    }
    double mean = 0;
    for (int c = 0; c < x.length; c++) {
      mean += totals[c] * x[c] / n;
    }
    double spread = 0;
    for (int c = 0; c < x.length; c++) {
      spread += totals[c] * (x[c] - mean) * (x[c] - mean);
    }
    return 2 * n * spread;
  }

  private double byPairs(double[] totals, double[] ranks) {
    int[] present = IntStream.range(0, totals.length).filter(c -> totals[c] > 0).toArray();
    double sum = 0;
    for (int i = 0; i < present.length; i++) {
      for (int j = i + 1; j < present.length; j++) {
        int a = present[i];
        int b = present[j];
        sum += 2 * totals[a] * totals[b] * delta(a, b, ranks);
      }
    }
    return sum;
  }

  /** Ordinal positions: N_c - n_c / 2, N_c the running total of n up to and including c. */
  private double[] midRanks(double[] totals) {
    double[] ranks = new double[totals.length];
    double running = 0;
    for (int c : byPosition) {
      running += totals[c];
      ranks[c] = running - totals[c] / 2;
    }
    return ranks;
  }

  private double delta(int a, int b, double[] ranks) {
    if (distance != null) {
      return setDistance(a, b);
    }
    double x = scale.position(a);
    double y = scale.position(b);
    return switch (level) {
      case NOMINAL -> 1;
      case ORDINAL -> (ranks[a] - ranks[b]) * (ranks[a] - ranks[b]);
      case INTERVAL -> (x - y) * (x - y);
      case RATIO -> ((x - y) / (x + y)) * ((x - y) / (x + y));
    };
  }

  /** Distances between sets are cached: the expected term asks for each pair once per resample. */
  private double setDistance(int a, int b) {
    int q = scale.size();
    if (q > 2_000) {
      return distance.between(scale.members(a), scale.members(b));
    }
    if (distances == null) {
      distances = new double[q][];
    }
    if (distances[a] == null) {
      distances[a] = new double[q];
      Arrays.fill(distances[a], Double.NaN);
    }
    if (Double.isNaN(distances[a][b])) {
      distances[a][b] = distance.between(scale.members(a), scale.members(b));
    }
    return distances[a][b];
  }
}
