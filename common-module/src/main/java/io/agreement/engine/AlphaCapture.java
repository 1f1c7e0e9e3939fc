package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while an annotation is read, the single value its single-valued tags give
 * Krippendorff's alpha (SPEC 4.6): for a single Choices the chosen choice as a category index, and
 * the first number of a Rating or Number.
 *
 * <p>A nominal alpha only needs categories told apart, so choices are numbered as they first
 * appear, which also covers choices the config does not list. An ordinal alpha ranks them, by their
 * order in the label config; a choice the config does not list has no rank and counts as missing.
 */
final class AlphaCapture {

  private static final double MISSING = Double.NaN;

  private final KrippendorffAlpha.Level[] levels;
  private final boolean[] choiceTags;
  private final Field[] numberFields;
  private final List<Map<String, Integer>> categories;
  private final List<List<String>> names;
  private final boolean[] ranked;
  private final String[] choice;
  private final boolean[] conflicting;
  private final double[] values;

  AlphaCapture(List<ScoredTag> tags) {
    int n = tags.size();
    levels = new KrippendorffAlpha.Level[n];
    choiceTags = new boolean[n];
    numberFields = new Field[n];
    categories = new ArrayList<>(n);
    names = new ArrayList<>(n);
    ranked = new boolean[n];
    for (int t = 0; t < n; t++) {
      ControlTag tag = tags.get(t).tag();
      levels[t] = tags.get(t).settings().alphaLevel();
      choiceTags[t] = "Choices".equals(tag.type());
      numberFields[t] = "Rating".equals(tag.type()) ? Field.RATING : Field.NUMBER;
      ranked[t] = choiceTags[t] && levels[t] == KrippendorffAlpha.Level.ORDINAL;
      categories.add(ranked[t] ? configOrder(tag) : new HashMap<>());
      names.add(new ArrayList<>(ranked[t] ? tag.values().stream().distinct().toList() : List.of()));
    }
    choice = new String[n];
    conflicting = new boolean[n];
    values = new double[n];
  }

  void reset() {
    Arrays.fill(choice, null);
    Arrays.fill(conflicting, false);
    Arrays.fill(values, MISSING);
  }

  /** Called for each kept result item, in result order. */
  void capture(int tag, ItemValue item) {
    if (levels[tag] == null) {
      return;
    }
    if (choiceTags[tag]) {
      for (String chosen : item.choices) {
        conflicting[tag] |= choice[tag] != null && !choice[tag].equals(chosen);
        choice[tag] = chosen;
      }
    } else if (Double.isNaN(values[tag])) {
      values[tag] = item.ratingOrNumber(numberFields[tag]);
    }
  }

  /** An annotation that chose several different choices has no single value: missing. */
  double[] values() {
    for (int t = 0; t < levels.length; t++) {
      if (choiceTags[t] && levels[t] != null && choice[t] != null && !conflicting[t]) {
        values[t] = category(t, choice[t]);
      }
    }
    return values.clone();
  }

  private double category(int tag, String chosen) {
    Integer index = categories.get(tag).get(chosen);
    if (index == null) {
      if (ranked[tag]) {
        return MISSING;
      }
      index = categories.get(tag).size();
      categories.get(tag).put(chosen, index);
      names.get(tag).add(chosen);
    }
    return index;
  }

  /** The alpha value of a choice: its category index, NaN for an unranked one. */
  double index(int tag, String chosen) {
    return category(tag, chosen);
  }

  /** The choice a Choices tag's alpha value stands for. */
  String category(int tag, int index) {
    return names.get(tag).get(index);
  }

  private static Map<String, Integer> configOrder(ControlTag tag) {
    Map<String, Integer> ranks = new HashMap<>();
    for (String value : tag.values()) {
      ranks.putIfAbsent(value, ranks.size());
    }
    return ranks;
  }
}
