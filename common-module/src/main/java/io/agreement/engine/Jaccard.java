package io.agreement.engine;

import java.util.List;
import java.util.TreeSet;

/** {@code jaccard} over the chosen choices, or over full taxonomy paths (SPEC 4.2, 4.3a). */
final class Jaccard implements TagComparison {

  private final boolean taxonomy;

  Jaccard(boolean taxonomy) {
    this.taxonomy = taxonomy;
  }

  @Override
  public Object region(ItemValue item) {
    if (!taxonomy) {
      return item.choices.toArray(String[]::new);
    }
    return item.taxonomy.stream()
        .map(path -> String.join(String.valueOf(ItemValue.SEPARATOR), path))
        .toArray(String[]::new);
  }

  @Override
  public Object combine(List<Object> regions) {
    TreeSet<String> union = new TreeSet<>();
    regions.forEach(region -> union.addAll(List.of((String[]) region)));
    return union.toArray(String[]::new);
  }

  /** Both arrays are sorted and distinct, so one merge pass counts the intersection. */
  @Override
  public double score(Object a, Object b) {
    String[] left = (String[]) a;
    String[] right = (String[]) b;
    if (left.length == 0 && right.length == 0) {
      return 1;
    }
    int common = 0;
    for (int i = 0, j = 0; i < left.length && j < right.length; ) {
      int order = left[i].compareTo(right[j]);
      common += order == 0 ? 1 : 0;
      i += order <= 0 ? 1 : 0;
      j += order >= 0 ? 1 : 0;
    }
    return (double) common / (left.length + right.length - common);
  }
}
