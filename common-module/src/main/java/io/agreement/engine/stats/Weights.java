package io.agreement.engine.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A {@link Weighting} over the values of one scale. The chance terms need sum of w_kl * p_k * p_l
 * over all pairs of values, once per bootstrap resample; every weighting here is a polynomial in
 * the distance of positions, so the sum takes one pass over the values sorted by position instead
 * of a pass over all pairs of them.
 */
final class Weights {

  private final Weighting kind;
  private final int q;
  private final double[] x;
  private final int[] sorted;
  private final double range;

  private Weights(Weighting kind, double[] x) {
    this.kind = kind;
    this.q = x.length;
    this.x = x;
    this.sorted =
        IntStream.range(0, q)
            .boxed()
            .sorted(Comparator.comparingDouble(c -> x[c]))
            .mapToInt(c -> c)
            .toArray();
    this.range = q == 0 ? 0 : x[sorted[q - 1]] - x[sorted[0]];
  }

  /** Ordinal weights rank the values by position; the others use the positions themselves. */
  static Weights of(Weighting kind, Scale scale) {
    double[] positions = IntStream.range(0, scale.size()).mapToDouble(scale::position).toArray();
    if (kind != Weighting.ORDINAL) {
      return new Weights(kind, positions);
    }
    Integer[] order = IntStream.range(0, positions.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(c -> positions[c]));
    double[] ranks = new double[positions.length];
    for (int r = 0; r < order.length; r++) {
      ranks[order[r]] = r + 1;
    }
    return new Weights(kind, ranks);
  }

  Weighting kind() {
    return kind;
  }

  int size() {
    return q;
  }

  /** A scale with a single value gives it weight 1 with itself. */
  double weight(int a, int b) {
    if (a == b) {
      return 1;
    }
    if (range == 0) {
      return kind == Weighting.IDENTITY ? 0 : 1;
    }
    double d = Math.abs(x[a] - x[b]);
    return switch (kind) {
      case IDENTITY -> 0;
      case LINEAR -> 1 - d / range;
      case QUADRATIC -> 1 - d * d / (range * range);
      case ORDINAL -> 1 - d * (d + 1) / (range * (range + 1));
    };
  }

  /** Sum of w_kl over all pairs of values of the scale. */
  double total() {
    double[] ones = new double[q];
    Arrays.fill(ones, 1);
    return form(ones);
  }

  /** Sum of w_kl * p_k * p_l over all k, l. */
  double form(double[] p) {
    double s = 0;
    for (int k = 0; k < q; k++) {
      s += p[k];
    }
    if (kind == Weighting.IDENTITY || range == 0) {
      return kind == Weighting.IDENTITY ? sumOfSquares(p) : s * s;
    }
    return switch (kind) {
      case LINEAR -> s * s - absoluteSpread(p) / range;
      case QUADRATIC -> s * s - squaredSpread(p, s) / (range * range);
      default -> s * s - (squaredSpread(p, s) + absoluteSpread(p)) / (range * (range + 1));
    };
  }

  private double sumOfSquares(double[] p) {
    double sum = 0;
    for (double value : p) {
      sum += value * value;
    }
    return sum;
  }

  /** Sum of p_k * p_l * (x_k - x_l)^2 over all k, l: 2 s * sum of p_k * (x_k - mean)^2. */
  private double squaredSpread(double[] p, double s) {
    if (s == 0) {
      return 0;
    }
    double mean = 0;
    for (int k = 0; k < q; k++) {
      mean += p[k] * x[k] / s;
    }
    double spread = 0;
    for (int k = 0; k < q; k++) {
      spread += p[k] * (x[k] - mean) * (x[k] - mean);
    }
    return 2 * s * spread;
  }

  /** Sum of p_k * p_l * |x_k - x_l| over all k, l, from running sums in position order. */
  private double absoluteSpread(double[] p) {
    double below = 0;
    double belowX = 0;
    double sum = 0;
    for (int c : sorted) {
      sum += p[c] * (x[c] * below - belowX);
      below += p[c];
      belowX += p[c] * x[c];
    }
    return 2 * sum;
  }
}
