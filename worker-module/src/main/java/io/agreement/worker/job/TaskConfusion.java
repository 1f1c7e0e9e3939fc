package io.agreement.worker.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One task's cells of a tag's confusion matrix (SPEC 8), by (actual, predicted). */
final class TaskConfusion {

  private TaskConfusion() {}

  /** Every ordered pair of annotations of different users: symmetric. */
  static Map<List<String>, Integer> all(String[][] values, long[] userIds) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < values.length; j++) {
        if (i != j && userIds[i] != userIds[j]) {
          add(counts, values[i], values[j]);
        }
      }
    }
    return counts;
  }

  /** Rows the ground truth's values, columns each other user's annotation's. */
  static Map<List<String>, Integer> against(String[][] values, long[] userIds, int groundTruth) {
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    for (int j = 0; j < values.length; j++) {
      if (j != groundTruth && userIds[j] != userIds[groundTruth]) {
        add(counts, values[groundTruth], values[j]);
      }
    }
    return counts;
  }

  private static void add(Map<List<String>, Integer> counts, String[] actual, String[] predicted) {
    for (String a : actual) {
      for (String b : predicted) {
        counts.merge(List.of(a, b), 1, Integer::sum);
      }
    }
  }
}
