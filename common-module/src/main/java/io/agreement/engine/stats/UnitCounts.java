package io.agreement.engine.stats;

import java.util.Arrays;
import java.util.Collection;

/**
 * The distribution of raters by unit and value (Gwet's r_ik), read once from a table: for each unit
 * its number of ratings and the count of each value it got, in one compact block. Every coefficient
 * and every bootstrap resample works from these counts.
 */
final class UnitCounts {

  final int units;
  final int[] ratings;
  final int[] start;
  final int[] code;
  final int[] count;

  UnitCounts(Collection<RatingTable.Unit> list) {
    units = list.size();
    ratings = new int[units];
    start = new int[units + 1];
    int total = list.stream().mapToInt(u -> u.codes().length).sum();
    int[] codes = new int[total];
    int[] counts = new int[total];
    int u = 0;
    int next = 0;
    for (RatingTable.Unit unit : list) {
      int[] sorted = unit.codes().clone();
      Arrays.sort(sorted);
      ratings[u] = sorted.length;
      start[u] = next;
      for (int i = 0; i < sorted.length; i++) {
        if (i > 0 && sorted[i] == sorted[i - 1]) {
          counts[next - 1]++;
        } else {
          codes[next] = sorted[i];
          counts[next++] = 1;
        }
      }
      u++;
    }
    start[units] = next;
    code = Arrays.copyOf(codes, next);
    count = Arrays.copyOf(counts, next);
  }

  /**
   * A unit's weighted agreement, sum of r_ik (r*_ik - 1) / (r_i (r_i - 1)) with r*_ik = sum of w_kl
   * r_il (Gwet 2014, 2.5); 0 for a unit with a single rating.
   */
  double agreement(int u, Weights weights) {
    int m = ratings[u];
    if (m < 2) {
      return 0;
    }
    double sum = 0;
    for (int i = start[u]; i < start[u + 1]; i++) {
      double weighted = 0;
      for (int j = start[u]; j < start[u + 1]; j++) {
        weighted += weights.weight(code[i], code[j]) * count[j];
      }
      sum += count[i] * (weighted - 1);
    }
    return sum / ((double) m * (m - 1));
  }

  /** Ones: every unit once, the table as it is. */
  int[] identity() {
    int[] once = new int[units];
    Arrays.fill(once, 1);
    return once;
  }
}
