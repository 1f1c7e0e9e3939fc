package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.List;

/** {@code numeric_difference}: 1 / (1 + |a - b|) on the first region's number (SPEC 4.3a). */
final class NumericDifference implements TagComparison {

  private final Field own;

  NumericDifference(String tagType) {
    own = "Rating".equals(tagType) ? Field.RATING : Field.NUMBER;
  }

  @Override
  public Object region(ItemValue item) {
    double value = item.ratingOrNumber(own);
    return Double.isNaN(value) ? item.require(own) : value;
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
