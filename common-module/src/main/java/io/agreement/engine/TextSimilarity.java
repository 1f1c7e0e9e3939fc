package io.agreement.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code text_similarity}: line by line 1 - Levenshtein / longer length, in code points, averaged
 * over the longer list of lines (SPEC 4.2, 4.3a).
 */
final class TextSimilarity implements TagComparison {

  @Override
  public Object region(ItemValue item) {
    return item.text.stream().map(line -> line.codePoints().toArray()).toArray(int[][]::new);
  }

  @Override
  public Object combine(List<Object> regions) {
    if (regions.size() == 1) {
      return regions.get(0);
    }
    List<int[]> lines = new ArrayList<>();
    regions.forEach(region -> lines.addAll(List.of((int[][]) region)));
    return lines.toArray(int[][]::new);
  }

  @Override
  public double score(Object a, Object b) {
    int[][] left = (int[][]) a;
    int[][] right = (int[][]) b;
    int longer = Math.max(left.length, right.length);
    if (longer == 0) {
      return 1;
    }
    double sum = 0;
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      sum += similarity(left[i], right[i]);
    }
    return sum / longer;
  }

  static double similarity(int[] a, int[] b) {
    int longer = Math.max(a.length, b.length);
    return longer == 0 ? 1 : 1 - (double) Levenshtein.distance(a, b) / longer;
  }
}
