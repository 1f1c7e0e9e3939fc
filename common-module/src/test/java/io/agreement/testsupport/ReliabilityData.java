package io.agreement.testsupport;

/** Published reliability data with published Krippendorff's alpha values. Rows are coders. */
public final class ReliabilityData {

  /** A coder who gave the unit no value. */
  public static final double M = Double.NaN;

  /**
   * Hayes and Krippendorff (2007), Table 1: five observers rate the tone of 40 news articles from 0
   * to 3, 159 values in all; rows here are observers, columns the articles.
   */
  public static final double[][] NEWS_TONE = {
    {
      1, 1, 2, M, 0, 0, 1, 1, 2, 2, M, 0, 1, 3, 1, 1, 2, 1, 1, 0, 0, 0, 2, 0, 1, 0, 0, 1, 1, 1, 1,
      2, 2, 3, 2, 2, 2, 2, 2, 1
    },
    {
      1, 1, 3, 0, 0, 0, 0, M, 2, 1, 1, 0, 2, 3, 1, 1, 1, 2, 1, 0, 0, 0, 3, 0, 2, 1, 0, 2, 1, 1, 1,
      1, 2, 2, 2, 2, 2, 2, 2, 1
    },
    {
      2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1, 1, 2, 3, 0, 0, 1, M, 3, 0, M, 1, 0, 1, 2, 2, 0,
      2, M, 2, 2, 3, 2, M, 2, 1
    },
    {
      M, 1, 3, M, M, M, M, 0, M, 1, 0, 0, 2, 2, M, M, M, 3, 1, M, 1, 0, 3, 0, 2, 1, 1, 2, 2, M, M,
      1, 2, 2, M, M, M, 1, 2, M
    },
    {
      2, M, M, 0, 0, 0, 1, M, 2, M, M, M, M, 3, 1, 1, 2, M, M, 0, M, 0, M, M, 2, M, 0, M, M, 2, 0,
      M, 2, M, 2, 2, 2, 2, M, 1
    },
  };

  /** The ordinal alpha Hayes and Krippendorff (2007) publish for {@link #NEWS_TONE}. */
  public static final double NEWS_TONE_ORDINAL_ALPHA = 0.7598;

  private ReliabilityData() {}
}
