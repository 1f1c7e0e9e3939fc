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

  /** The smallest gap in kappa worth naming an annotator for. */
  static final double MIN_GAP = 0.1;

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
   * below the mean kappa of the pairs the others form among themselves, and at least {@link
   * #MIN_GAP} below it: with few annotators those pairs can agree so evenly that a trivial gap
   * would be two deviations. Needs two or more such pairs, so four or more annotators.
   */
  private static List<Diagnostic> outliers(KappaMatrix kappas) {
    Double[][] matrix = kappas.matrix();
    List<Diagnostic> found = new ArrayList<>();
    for (int a = 0; a < matrix.length; a++) {
      double own = meanKappa(matrix, a);
      double[] others = pairsWithout(matrix, a);
      if (Double.isNaN(own) || others.length < 2) {
        continue;
      }
      double mean = mean(others);
      double gap = Math.max(2 * standardDeviation(others, mean), MIN_GAP);
      if (own < mean - gap) {
        found.add(outlier(kappas.userIds().get(a), own, mean));
      }
    }
    return found;
  }

  private static double[] pairsWithout(Double[][] matrix, int a) {
    List<Double> rest = new ArrayList<>();
    for (int b = 0; b < matrix.length; b++) {
      for (int c = b + 1; c < matrix.length; c++) {
        if (b != a && c != a && matrix[b][c] != null) {
          rest.add(matrix[b][c]);
        }
      }
    }
    return rest.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Diagnostic outlier(long userId, double own, double others) {
    return new Diagnostic(
        "outlier_annotator",
        format(
            "Annotator %d agrees with the others much less than they agree among themselves: a mean"
                + " pairwise Cohen's kappa of %.2f against %.2f between the others, more than two"
                + " standard deviations below. Review this annotator's work or how they read the guidelines.",
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
