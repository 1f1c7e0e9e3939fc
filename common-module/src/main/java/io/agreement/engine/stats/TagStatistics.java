package io.agreement.engine.stats;

import java.util.List;

/**
 * The reliability statistics of one tag (SPEC 4.7). Every number is null where the coefficient is
 * undefined (no pairable values, a zero denominator), never NaN.
 *
 * @param units tasks with at least one rating
 * @param raters annotators who rated at least one of them
 * @param percentAgreement the mean, over tasks with two or more ratings, of the share of agreeing
 *     pairs of ratings
 * @param gwetName {@code AC1}, or {@code AC2} when the tag's level weights it
 * @param cohenKappa unweighted, per annotator pair
 * @param cohenKappaLinear linear weights on the tag's scale; null for categorical tags
 * @param cohenKappaQuadratic quadratic weights on the tag's scale; null for categorical tags
 */
public record TagStatistics(
    int units,
    int raters,
    Estimate percentAgreement,
    Alpha krippendorffAlpha,
    Estimate fleissKappa,
    Estimate gwet,
    String gwetName,
    KappaMatrix cohenKappa,
    KappaMatrix cohenKappaLinear,
    KappaMatrix cohenKappaQuadratic,
    List<Diagnostic> diagnostics) {

  public TagStatistics {
    diagnostics = List.copyOf(diagnostics);
  }

  /** A 95% interval. */
  public record Interval(double low, double high) {}

  /**
   * @param se Gwet's analytical standard error, where there is one
   * @param ci the bootstrap interval
   */
  public record Estimate(Double value, Double se, Interval ci) {}

  /**
   * @param level the level of measurement ({@code nominal} ... {@code ratio}); null for a
   *     set-valued tag, which has a distance instead
   * @param distance {@code jaccard} or {@code masi} for a set-valued tag
   */
  public record Alpha(
      Double value, String level, String distance, long pairableValues, Interval ci) {}

  /**
   * Cohen's kappa for every pair of annotators, like Label Studio Enterprise's {@code stats/IAA}: a
   * cell is null for a pair with fewer than 10 common tasks; the diagonal is 1, and the diagonal of
   * {@code commonTasks} counts the tasks the annotator rated.
   */
  public record KappaMatrix(List<Long> userIds, Double[][] matrix, int[][] commonTasks) {}

  /**
   * A warning a reader should see next to the numbers.
   *
   * @param code {@code low_sample}, {@code prevalence}, {@code outlier_annotator} or {@code
   *     low_alpha}
   * @param userId the annotator an {@code outlier_annotator} is about, else null
   */
  public record Diagnostic(String code, String message, Long userId) {}
}
