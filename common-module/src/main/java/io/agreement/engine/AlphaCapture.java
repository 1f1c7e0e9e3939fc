package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while an annotation is read, the single value its single-valued tags give
 * Krippendorff's alpha (SPEC 4.6): the chosen choice of a single Choices, as a category index, and
 * the first number of a Rating or Number.
 */
final class AlphaCapture {

  private final KrippendorffAlpha.Level[] levels;
  private final Field[] numberFields;
  private final List<Map<String, Integer>> categories;
  private final String[] choice;
  private final boolean[] conflicting;
  private final double[] values;

  AlphaCapture(List<ControlTag> tags) {
    int n = tags.size();
    levels = new KrippendorffAlpha.Level[n];
    numberFields = new Field[n];
    for (int t = 0; t < n; t++) {
      levels[t] = levelOf(tags.get(t));
      numberFields[t] = "Rating".equals(tags.get(t).type()) ? Field.RATING : Field.NUMBER;
    }
    categories =
        tags.stream().map(tag -> (Map<String, Integer>) new HashMap<String, Integer>()).toList();
    choice = new String[n];
    conflicting = new boolean[n];
    values = new double[n];
  }

  /** Nominal for a single-choice Choices, interval for Rating and Number, else null. */
  static KrippendorffAlpha.Level levelOf(ControlTag tag) {
    if (tag.perRegion()) {
      return null;
    }
    return switch (tag.type()) {
      case "Choices" -> tag.multiple() ? null : KrippendorffAlpha.Level.NOMINAL;
      case "Rating", "Number" -> KrippendorffAlpha.Level.INTERVAL;
      default -> null;
    };
  }

  KrippendorffAlpha.Level level(int tag) {
    return levels[tag];
  }

  void reset() {
    Arrays.fill(choice, null);
    Arrays.fill(conflicting, false);
    Arrays.fill(values, Double.NaN);
  }

  /** Called for each kept result item, in result order. */
  void capture(int tag, ItemValue item) {
    if (levels[tag] == KrippendorffAlpha.Level.NOMINAL) {
      for (String chosen : item.choices) {
        conflicting[tag] |= choice[tag] != null && !choice[tag].equals(chosen);
        choice[tag] = chosen;
      }
    } else if (levels[tag] != null && Double.isNaN(values[tag])) {
      values[tag] = item.get(numberFields[tag]);
    }
  }

  /** An annotation that chose several different choices has no single value: missing. */
  double[] values() {
    for (int t = 0; t < levels.length; t++) {
      if (levels[t] == KrippendorffAlpha.Level.NOMINAL && choice[t] != null && !conflicting[t]) {
        values[t] = category(categories.get(t), choice[t]);
      }
    }
    return values.clone();
  }

  private static int category(Map<String, Integer> categories, String choice) {
    Integer index = categories.get(choice);
    if (index == null) {
      index = categories.size();
      categories.put(choice, index);
    }
    return index;
  }
}
