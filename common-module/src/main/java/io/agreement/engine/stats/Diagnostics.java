package io.agreement.engine.stats;

import io.agreement.engine.stats.TagStatistics.Diagnostic;
import io.agreement.engine.stats.TagStatistics.KappaMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The warnings of SPEC 4.7, each in a sentence for someone who does not know the formulas. */
final class Diagnostics {

  static final int MIN_PAIRABLE = 50;
  static final double PREVALENCE = 0.9;
  static final double MIN_ALPHA = 0.667;

  private Diagnostics() {}

  static List<Diagnostic> of(
      long pairableValues, Prevalent prevalent, Double alpha, KappaMatrix kappas) {
    List<Diagnostic> found = new ArrayList<>();
    if (pairableValues < MIN_PAIRABLE) {
      found.add(lowSample(pairableValues));
    }
    if (prevalent != null && prevalent.share() > PREVALENCE) {
      found.add(prevalence(prevalent));
    }
    if (alpha != null && alpha < MIN_ALPHA) {
      found.add(lowAlpha(alpha));
    }
    found.addAll(outliers(kappas));
    return found;
  }

  /** The most frequent value among the pairable ratings, and its share of them. */
  record Prevalent(String value, double share) {}

  private static Diagnostic lowSample(long n) {
    return new Diagnostic(
        "low_sample",
        format(
            "Only %d ratings can be compared with another rating of the same task. Below %d the"
                + " coefficients move a lot with a few ratings and their intervals are wide: have"
                + " more tasks annotated by two or more people before relying on them.",
            n, MIN_PAIRABLE),
        null);
  }

  private static Diagnostic prevalence(Prevalent prevalent) {
    return new Diagnostic(
        "prevalence",
        format(
            "'%s' is %.0f%% of the ratings. When one answer dominates, agreeing on it is expected by"
                + " chance, so kappa and alpha can be low even though the annotators mostly agree:"
                + " read Gwet's AC1 and the percent agreement alongside them.",
            prevalent.value(), 100 * prevalent.share()),
        null);
  }

  private static Diagnostic lowAlpha(double alpha) {
    return new Diagnostic(
        "low_alpha",
        format(
            "Krippendorff's alpha is %.3f, below 0.667, the lowest value from which Krippendorff"
                + " accepts data even for tentative conclusions (0.8 for firm ones). Clarify the"
                + " guidelines or the labels before using these annotations as ground truth.",
            alpha),
        null);
  }

  /**
   * An annotator whose mean unweighted kappa with the others lies more than two standard deviations
   * below the mean of the other annotators' own means; needs three or more annotators with kappas.
   */
  private static List<Diagnostic> outliers(KappaMatrix kappas) {
    int n = kappas.userIds().size();
    double[] means = new double[n];
    for (int a = 0; a < n; a++) {
      means[a] = meanKappa(kappas.matrix(), a);
    }
    List<Diagnostic> found = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      double[] others = others(means, a);
      if (Double.isNaN(means[a]) || others.length < 2) {
        continue;
      }
      double mean = mean(others);
      double sd = standardDeviation(others, mean);
      if (means[a] < mean - 2 * sd - 1e-9) {
        found.add(outlier(kappas.userIds().get(a), means[a], mean));
      }
    }
    return found;
  }

  private static Diagnostic outlier(long userId, double own, double others) {
    return new Diagnostic(
        "outlier_annotator",
        format(
            "Annotator %d agrees with the others much less than they agree among themselves: a mean"
                + " pairwise Cohen's kappa of %.2f against %.2f, more than two standard deviations"
                + " below. Review this annotator's work or how they read the guidelines.",
            userId, own, others),
        userId);
  }

  private static double meanKappa(Double[][] matrix, int a) {
    double sum = 0;
    int count = 0;
    for (int b = 0; b < matrix.length; b++) {
      if (b != a && matrix[a][b] != null) {
        sum += matrix[a][b];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static double[] others(double[] means, int a) {
    List<Double> rest = new ArrayList<>();
    for (int b = 0; b < means.length; b++) {
      if (b != a && !Double.isNaN(means[b])) {
        rest.add(means[b]);
      }
    }
    return rest.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double standardDeviation(double[] values, double mean) {
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
