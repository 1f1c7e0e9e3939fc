package io.agreement.engine.stats;

import io.agreement.engine.KrippendorffAlpha;

/**
 * How one tag's statistics are computed.
 *
 * @param alphaLevel the level of its Krippendorff's alpha; null for a set-valued tag
 * @param alphaDistance the distance of a set-valued tag's alpha; null otherwise
 * @param gwetWeights the weights of Gwet's AC1/AC2
 * @param weightedCohen whether pairs also get linear and quadratic weighted kappas (Rating, Number)
 * @param seed the bootstrap's seed
 * @param resamples the bootstrap's resamples; 0 for no intervals
 */
public record StatisticsOptions(
    KrippendorffAlpha.Level alphaLevel,
    SetDistance alphaDistance,
    Weighting gwetWeights,
    boolean weightedCohen,
    long seed,
    int resamples) {

  public StatisticsOptions {
    if ((alphaLevel == null) == (alphaDistance == null)) {
      throw new IllegalArgumentException("either an alpha level or a set distance");
    }
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must be >= 0");
    }
  }

  /** A single-valued tag: AC2 weighted by the level, 1,000 resamples seeded by project and tag. */
  public static StatisticsOptions of(
      KrippendorffAlpha.Level level, boolean numeric, long projectId, String tagName) {
    return new StatisticsOptions(
        level,
        null,
        Weighting.forLevel(level),
        numeric,
        Bootstrap.seed(projectId, tagName),
        Bootstrap.RESAMPLES);
  }

  /** A set-valued tag: alpha with the distance, unweighted AC1 over the distinct sets. */
  public static StatisticsOptions ofSets(SetDistance distance, long projectId, String tagName) {
    return new StatisticsOptions(
        null,
        distance,
        Weighting.IDENTITY,
        false,
        Bootstrap.seed(projectId, tagName),
        Bootstrap.RESAMPLES);
  }
}
