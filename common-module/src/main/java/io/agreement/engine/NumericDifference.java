package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.List;

/** {@code numeric_difference}: 1 / (1 + |a - b|) on the first region's number (SPEC 4.3a). */
final class NumericDifference implements TagComparison {

  private final Field primary;
  private final Field fallback;

  NumericDifference(String tagType) {
    primary = "Rating".equals(tagType) ? Field.RATING : Field.NUMBER;
    fallback = primary == Field.RATING ? Field.NUMBER : Field.RATING;
  }

  @Override
  public Object region(ItemValue item) {
    if (item.has(primary) || !item.has(fallback)) {
      return item.require(primary);
    }
    return item.get(fallback);
  }

  @Override
  public Object combine(List<Object> regions) {
    return regions.get(0);
  }

  @Override
  public double score(Object a, Object b) {
    return 1 / (1 + Math.abs((Double) a - (Double) b));
  }
}
