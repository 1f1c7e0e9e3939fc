package io.agreement.api.lse;

import io.agreement.api.lse.DataQualityRepository.Cell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A tag's confusion matrix from its stored cells (SPEC 8): labels in config order then any other
 * value found, sorted; precision per column, recall per row; the 10 largest off-diagonal cells.
 */
final class ConfusionMatrix {

  private static final int TOP_PAIRS = 10;

  private ConfusionMatrix() {}

  static Map<String, Object> of(
      String tag, List<String> declared, List<Cell> cells, boolean symmetric) {
    LinkedHashSet<String> labels = new LinkedHashSet<>(declared);
    TreeSet<String> others = new TreeSet<>();
    cells.forEach(c -> others.addAll(List.of(c.actual(), c.predicted())));
    others.removeAll(labels);
    labels.addAll(others);
    List<String> axis = List.copyOf(labels);
    long[][] m = new long[axis.size()][axis.size()];
    cells.forEach(c -> m[axis.indexOf(c.actual())][axis.indexOf(c.predicted())] += c.count());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("labels", axis);
    answer.put("matrix", rows(m));
    answer.put("precision", ratios(m, true));
    answer.put("recall", ratios(m, false));
    answer.put("top_confusion_pairs", topPairs(tag, axis, m, symmetric));
    return answer;
  }

  private static List<List<Long>> rows(long[][] m) {
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : m) {
      rows.add(java.util.Arrays.stream(row).boxed().toList());
    }
    return rows;
  }

  /** Diagonal over the column sum (precision) or the row sum (recall); null when it is 0. */
  private static List<Double> ratios(long[][] m, boolean byColumn) {
    List<Double> ratios = new ArrayList<>();
    for (int k = 0; k < m.length; k++) {
      long sum = 0;
      for (int other = 0; other < m.length; other++) {
        sum += byColumn ? m[other][k] : m[k][other];
      }
      ratios.add(sum == 0 ? null : (double) m[k][k] / sum);
    }
    return ratios;
  }

  private record Pair(int row, int column, long count) {}

  private static List<Map<String, Object>> topPairs(
      String tag, List<String> axis, long[][] m, boolean symmetric) {
    List<Pair> pairs = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = symmetric ? i + 1 : 0; j < m.length; j++) {
        if (i != j && m[i][j] > 0) {
          pairs.add(new Pair(i, j, m[i][j]));
          total += m[i][j];
        }
      }
    }
    pairs.sort(
        Comparator.comparingLong(Pair::count)
            .reversed()
            .thenComparingInt(Pair::row)
            .thenComparingInt(Pair::column));
    List<Map<String, Object>> top = new ArrayList<>();
    for (Pair p : pairs.subList(0, Math.min(TOP_PAIRS, pairs.size()))) {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("actual", axis.get(p.row()));
      pair.put("label", axis.get(p.column()));
      pair.put("count", p.count());
      pair.put("rate", (double) p.count() / total);
      pair.put("from_name", tag);
      top.add(pair);
    }
    return top;
  }
}
