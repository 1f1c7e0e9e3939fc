package io.agreement.engine.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The distribution of raters by unit and value (Gwet's r_ik), read once from a table. Every
 * coefficient here depends on a unit only through how many times it got each value, so units with
 * the same counts are kept once, as a pattern with the number of units that have it: three raters
 * choosing among three categories make at most ten patterns, however many tasks there are. A
 * bootstrap resample then only counts how often it drew each pattern.
 */
final class UnitCounts {

  /** Rated units. */
  final int units;

  /** Distinct patterns; the arrays below are indexed by pattern. */
  final int patterns;

  final int[] ratings;
  final int[] start;
  final int[] code;
  final int[] count;

  /** How many units have each pattern. */
  final int[] weight;

  /** Each unit's pattern, in the table's unit order. */
  final int[] patternOfUnit;

  UnitCounts(Collection<RatingTable.Unit> list) {
    units = list.size();
    patternOfUnit = new int[units];
    Map<Key, Integer> seen = new HashMap<>();
    int[][] distinct = new int[units][];
    int u = 0;
    for (RatingTable.Unit unit : list) {
      int[] sorted = unit.codes().clone();
      Arrays.sort(sorted);
      Integer pattern = seen.putIfAbsent(new Key(sorted), seen.size());
      if (pattern == null) {
        pattern = seen.size() - 1;
        distinct[pattern] = sorted;
      }
      patternOfUnit[u++] = pattern;
    }
    patterns = seen.size();
    ratings = new int[patterns];
    start = new int[patterns + 1];
    weight = new int[patterns];
    for (int p : patternOfUnit) {
      weight[p]++;
    }
    int total = Arrays.stream(distinct, 0, patterns).mapToInt(s -> s.length).sum();
    int[] codes = new int[total];
    int[] counts = new int[total];
    int next = 0;
    for (int p = 0; p < patterns; p++) {
      int[] sorted = distinct[p];
      ratings[p] = sorted.length;
      start[p] = next;
      for (int i = 0; i < sorted.length; i++) {
        if (i > 0 && sorted[i] == sorted[i - 1]) {
          counts[next - 1]++;
        } else {
          codes[next] = sorted[i];
          counts[next++] = 1;
        }
      }
    }
    start[patterns] = next;
    code = Arrays.copyOf(codes, next);
    count = Arrays.copyOf(counts, next);
  }

  /**
   * A pattern's weighted agreement, sum of r_ik (r*_ik - 1) / (r_i (r_i - 1)) with r*_ik = sum of
   * w_kl r_il (Gwet 2014, 2.5); 0 for a unit with a single rating.
   */
  double agreement(int p, Weights weights) {
    int m = ratings[p];
    if (m < 2) {
      return 0;
    }
    double sum = 0;
    for (int i = start[p]; i < start[p + 1]; i++) {
      double weighted = 0;
      for (int j = start[p]; j < start[p + 1]; j++) {
        weighted += weights.weight(code[i], code[j]) * count[j];
      }
      sum += count[i] * (weighted - 1);
    }
    return sum / ((double) m * (m - 1));
  }

  /** The table as it is: each pattern as often as units have it. */
  int[] identity() {
    return weight.clone();
  }

  /** A unit's sorted value codes, compared by content. */
  private record Key(int[] codes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(codes, key.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }
  }
}
