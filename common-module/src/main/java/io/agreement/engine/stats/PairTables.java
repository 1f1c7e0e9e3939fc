package io.agreement.engine.stats;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * For every pair of raters, the contingency table of the values they gave the units both rated:
 * what Cohen's kappa of the pair needs. Rater a of a pair is the one with the smaller index.
 */
final class PairTables {

  /** Cohen (1960) needs a table; below this many common units a pair gets none (SPEC 4.7). */
  static final int MIN_COMMON = 10;

  private final int raters;
  private final Map<Long, Map<Long, int[]>> cells = new HashMap<>();
  private final int[] rated;

  PairTables(Collection<RatingTable.Unit> units, int raters) {
    this.raters = raters;
    this.rated = new int[raters];
    for (RatingTable.Unit unit : units) {
      add(unit);
    }
  }

  private void add(RatingTable.Unit unit) {
    int[] r = unit.raters();
    int[] c = unit.codes();
    for (int i = 0; i < r.length; i++) {
      rated[r[i]]++;
      for (int j = i + 1; j < r.length; j++) {
        boolean ordered = r[i] < r[j];
        int a = ordered ? r[i] : r[j];
        int b = ordered ? r[j] : r[i];
        long cell = ordered ? key(c[i], c[j]) : key(c[j], c[i]);
        cells.computeIfAbsent(key(a, b), k -> new HashMap<>())
            .computeIfAbsent(cell, k -> new int[1])[0]++;
      }
    }
  }

  /** Units both raters rated; for a == b, the units the rater rated. */
  int common(int a, int b) {
    if (a == b) {
      return rated[a];
    }
    Map<Long, int[]> table = cells.get(a < b ? key(a, b) : key(b, a));
    return table == null ? 0 : table.values().stream().mapToInt(n -> n[0]).sum();
  }

  /**
   * Cohen's kappa of two raters, weighted (Cohen 1968) unless the weights are the identity: (p_o -
   * p_e) / (1 - p_e) with p_o = sum of w_kl p_kl and p_e = sum of w_kl p_k. p_.l. Null below {@link
   * #MIN_COMMON} common units or when p_e = 1.
   */
  Double kappa(int a, int b, Weights weights) {
    if (a == b) {
      return 1.0;
    }
    boolean ordered = a < b;
    Map<Long, int[]> table = cells.get(ordered ? key(a, b) : key(b, a));
    if (table == null) {
      return null;
    }
    int q = weights.size();
    double[] rows = new double[q];
    double[] columns = new double[q];
    double n = 0;
    double observed = 0;
    for (var cell : table.entrySet()) {
      int k = (int) (cell.getKey() >>> 32);
      int l = (int) (long) cell.getKey();
      int count = cell.getValue()[0];
      n += count;
      rows[k] += count;
      columns[l] += count;
      observed += weights.weight(k, l) * count;
    }
    if (n < MIN_COMMON) {
      return null;
    }
    int[] usedRows = IntStream.range(0, q).filter(k -> rows[k] > 0).toArray();
    int[] usedColumns = IntStream.range(0, q).filter(l -> columns[l] > 0).toArray();
    double chance = 0;
    for (int k : usedRows) {
      for (int l : usedColumns) {
        chance += weights.weight(k, l) * rows[k] * columns[l];
      }
    }
    double po = observed / n;
    double pe = chance / (n * n);
    return Math.abs(1 - pe) < 1e-12 ? null : (po - pe) / (1 - pe);
  }

  int raters() {
    return raters;
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }
}
