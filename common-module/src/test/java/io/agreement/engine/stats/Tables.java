package io.agreement.engine.stats;

import io.agreement.engine.KrippendorffAlpha.Level;

/** Builds rating tables from the shapes published data come in. */
final class Tables {

  private Tables() {}

  /** Reliability data {@code [rater][unit]}, NaN for missing, rater i being user i + 1. */
  static RatingTable numbers(double[][] data, double... declared) {
    RatingTable table = new RatingTable(Scale.numbers(declared));
    int units = data[0].length;
    for (int u = 0; u < units; u++) {
      long[] raters = new long[data.length];
      int[] codes = new int[data.length];
      for (int r = 0; r < data.length; r++) {
        raters[r] = r + 1;
        codes[r] = table.scale().code(data[r][u]);
      }
      table.put(u, raters, codes);
    }
    return table;
  }

  /**
   * Fleiss' layout: per unit the number of raters who chose each category. Raters are anonymous
   * there, so unit u's j-th rating is given to user j + 1.
   */
  static RatingTable counts(int[][] rows) {
    RatingTable table = new RatingTable(Scale.categories(java.util.List.of()));
    for (int k = 0; k < rows[0].length; k++) {
      table.scale().code("c" + k);
    }
    for (int u = 0; u < rows.length; u++) {
      int m = java.util.Arrays.stream(rows[u]).sum();
      long[] raters = new long[m];
      int[] codes = new int[m];
      int j = 0;
      for (int k = 0; k < rows[u].length; k++) {
        for (int c = 0; c < rows[u][k]; c++) {
          raters[j] = j + 1;
          codes[j++] = k;
        }
      }
      table.put(u, raters, codes);
    }
    return table;
  }

  /** A two-rater contingency table {@code [row category][column category]} over a scale. */
  static RatingTable contingency(Scale scale, int[][] cells) {
    RatingTable table = new RatingTable(scale);
    long task = 0;
    for (int k = 0; k < cells.length; k++) {
      for (int l = 0; l < cells[k].length; l++) {
        for (int c = 0; c < cells[k][l]; c++) {
          table.put(task++, new long[] {1, 2}, new int[] {k, l});
        }
      }
    }
    return table;
  }

  static StatisticsOptions options(Level level) {
    return new StatisticsOptions(level, null, Weighting.forLevel(level), true, 1, 0);
  }
}
