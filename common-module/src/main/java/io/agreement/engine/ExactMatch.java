package io.agreement.engine;

import java.util.List;
import java.util.TreeSet;

/** {@code exact_match}: the two sets of region values are equal (SPEC 4.2). */
final class ExactMatch implements TagComparison {

  private static final String SET_SEPARATOR = "\u001d";

  @Override
  public Object region(ItemValue item) {
    return ExactKey.of(item);
  }

  @Override
  public Object combine(List<Object> regions) {
    if (regions.size() == 1) {
      return regions.get(0);
    }
    TreeSet<String> distinct = new TreeSet<>();
    regions.forEach(region -> distinct.add((String) region));
    return String.join(SET_SEPARATOR, distinct);
  }

  @Override
  public double score(Object a, Object b) {
    return a.equals(b) ? 1 : 0;
  }
}
