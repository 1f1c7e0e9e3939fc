package io.agreement.engine.stats;

import io.agreement.engine.KrippendorffAlpha;

/**
 * The agreement weights of Gwet (2014), "Handbook of Inter-Rater Reliability", 4th ed., chapter 3,
 * as his R package irrCAC defines them: how much credit two different ratings earn.
 */
public enum Weighting {
  /** Only equal ratings agree: the unweighted coefficients. */
  IDENTITY,
  /** 1 - |x_k - x_l| / (x_max - x_min). */
  LINEAR,
  /** 1 - (x_k - x_l)^2 / (x_max - x_min)^2. */
  QUADRATIC,
  /**
   * On ranks: 1 - M_kl / max M, with M_kl = n (n - 1) / 2 and n = |rank_k - rank_l| + 1, the number
   * of categories from k to l.
   */
  ORDINAL;

  /**
   * The weights Gwet's AC2 takes for a level of measurement: none for nominal data, ordinal weights
   * for ordinal data, quadratic weights for interval and ratio data (Gwet 2014, section 3.3).
   */
  public static Weighting forLevel(KrippendorffAlpha.Level level) {
    if (level == null) {
      return IDENTITY;
    }
    return switch (level) {
      case NOMINAL -> IDENTITY;
      case ORDINAL -> ORDINAL;
      case INTERVAL, RATIO -> QUADRATIC;
    };
  }
}
