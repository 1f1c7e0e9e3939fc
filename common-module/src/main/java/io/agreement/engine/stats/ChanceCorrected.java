package io.agreement.engine.stats;

/**
 * Fleiss' kappa and Gwet's AC1/AC2 for any number of raters per unit, with missing ratings, as in
 * Gwet (2014), "Handbook of Inter-Rater Reliability", 4th ed., chapters 2 to 5, and his R package
 * irrCAC ({@code fleiss.kappa.raw}, {@code gwet.ac1.raw}): percent agreement p_a over the units
 * with two or more ratings, classification probabilities pi_k over all rated units, and
 *
 * <ul>
 *   <li>Fleiss: p_e = sum of w_kl pi_k pi_l (the generalisation of Fleiss 1971 to varying raters);
 *   <li>AC1/AC2: p_e = T_w / (q (q - 1)) * sum of pi_k (1 - pi_k), T_w the sum of all weights.
 * </ul>
 *
 * The standard errors are Gwet's linearisation, conditional on the raters and for an unbounded
 * population of units (irrCAC with N = Inf). They are not the standard error under the null
 * hypothesis kappa = 0 of Fleiss, Nee and Landis (1979), which tests for chance agreement and is
 * smaller; that is what R's irr prints as a z statistic.
 */
final class ChanceCorrected {

  private final UnitCounts counts;
  private final Weights weights;
  private final double[] agreement;
  private final double gwetFactor;

  ChanceCorrected(UnitCounts counts, Weights weights) {
    this.counts = counts;
    this.weights = weights;
    this.agreement = new double[counts.patterns];
    for (int u = 0; u < counts.patterns; u++) {
      agreement[u] = counts.agreement(u, weights);
    }
    int q = weights.size();
    this.gwetFactor = q < 2 ? Double.NaN : weights.total() / ((double) q * (q - 1));
  }

  /** Percent agreement over the units with two or more ratings; null when there are none. */
  Double percentAgreement(int[] times) {
    Sums sums = sums(times);
    return sums.pairable == 0 ? null : sums.pa;
  }

  Double fleiss(int[] times) {
    Sums sums = sums(times);
    return coefficient(sums.pa, fleissChance(sums.pi), sums.pairable);
  }

  Double gwet(int[] times) {
    Sums sums = sums(times);
    return coefficient(sums.pa, gwetChance(sums.pi), sums.pairable);
  }

  /** Fleiss' kappa of the table and its standard error. */
  double[] fleissWithError() {
    int[] once = counts.identity();
    Sums sums = sums(once);
    double pe = fleissChance(sums.pi);
    Double kappa = coefficient(sums.pa, pe, sums.pairable);
    if (kappa == null) {
      return null;
    }
    double[] weightedPi = new double[sums.pi.length];
    for (int k = 0; k < weightedPi.length; k++) {
      for (int l = 0; l < weightedPi.length; l++) {
        weightedPi[k] += weights.weight(k, l) * sums.pi[l];
      }
    }
    return new double[] {kappa, error(sums, pe, kappa, weightedPi, 1)};
  }

  /** Gwet's AC1 (AC2 when weighted) of the table and its standard error. */
  double[] gwetWithError() {
    Sums sums = sums(counts.identity());
    double pe = gwetChance(sums.pi);
    Double ac = coefficient(sums.pa, pe, sums.pairable);
    if (ac == null) {
      return null;
    }
    double[] complement = new double[sums.pi.length];
    for (int k = 0; k < complement.length; k++) {
      complement[k] = 1 - sums.pi[k];
    }
    return new double[] {ac, error(sums, pe, ac, complement, gwetFactor)};
  }

  /**
   * sqrt(sum of (c*_i - c)^2 / (n (n - 1))), with c*_i = c_i - 2 (1 - c) (pe_i - pe) / (1 - pe),
   * c_i = (n / n2) (pa_i - pe) / (1 - pe) and pe_i = factor * sum of r_ik v_k / r_i.
   */
  private double error(Sums sums, double pe, double value, double[] v, double factor) {
    int n = counts.units;
    if (n < 2) {
      return Double.NaN;
    }
    double squares = 0;
    for (int u = 0; u < counts.patterns; u++) {
      boolean pairable = counts.ratings[u] >= 2;
      double unit = (double) n / sums.pairable * (agreement[u] - (pairable ? pe : 0)) / (1 - pe);
      double unitChance = 0;
      for (int i = counts.start[u]; i < counts.start[u + 1]; i++) {
        unitChance += counts.count[i] * v[counts.code[i]];
      }
      unitChance *= factor / counts.ratings[u];
      double linearised = unit - 2 * (1 - value) * (unitChance - pe) / (1 - pe);
      squares += counts.weight[u] * (linearised - value) * (linearised - value);
    }
    return Math.sqrt(squares / ((double) n * (n - 1)));
  }

  private double fleissChance(double[] pi) {
    return weights.form(pi);
  }

  private double gwetChance(double[] pi) {
    double sum = 0;
    for (double p : pi) {
      sum += p * (1 - p);
    }
    return gwetFactor * sum;
  }

  private static Double coefficient(double pa, double pe, double pairable) {
    if (pairable == 0 || Double.isNaN(pe) || Math.abs(1 - pe) < 1e-12) {
      return null;
    }
    return (pa - pe) / (1 - pe);
  }

  /** Units counted {@code times[u]} times: a bootstrap resample, or ones for the table itself. */
  private Sums sums(int[] times) {
    double[] pi = new double[weights.size()];
    double rated = 0;
    double pairable = 0;
    double pa = 0;
    for (int u = 0; u < counts.patterns; u++) {
      int t = times[u];
      if (t == 0) {
        continue;
      }
      rated += t;
      if (counts.ratings[u] >= 2) {
        pairable += t;
        pa += t * agreement[u];
      }
      double share = (double) t / counts.ratings[u];
      for (int i = counts.start[u]; i < counts.start[u + 1]; i++) {
        pi[counts.code[i]] += share * counts.count[i];
      }
    }
    for (int k = 0; k < pi.length; k++) {
      pi[k] /= rated;
    }
    return new Sums(pairable == 0 ? 0 : pa / pairable, pi, pairable);
  }

  private record Sums(double pa, double[] pi, double pairable) {}
}
