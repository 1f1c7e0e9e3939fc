package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while an annotation is read, what the per-label scores and the confusion matrices need
 * (SPEC 8): for a tag with labels or choices, each label with the regions carrying it, each read as
 * if it carried that label alone; for a Rating, its values.
 */
final class LabelCapture {

  /** What SPEC 8 reads per label: choices, taxonomy paths, labels of every *Labels tag. */
  static boolean labelled(ControlTag tag) {
    String type = tag.type();
    return type.equals("Choices") || type.equals("Taxonomy") || type.endsWith("Labels");
  }

  /** The tags a confusion matrix is drawn for. */
  static boolean confusable(ControlTag tag) {
    String type = tag.type();
    return type.equals("Choices") || type.equals("Taxonomy") || type.equals("Rating");
  }

  static final String PATH_SEPARATOR = " / ";

  private final boolean[] labelled;
  private final boolean[] rating;
  private final TagComparison[] comparisons;
  private final List<Map<String, List<Object>>> regions;

  LabelCapture(List<ScoredTag> tags, TagComparison[] comparisons) {
    int n = tags.size();
    this.comparisons = comparisons;
    labelled = new boolean[n];
    rating = new boolean[n];
    regions = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      ControlTag tag = tags.get(t).tag();
      labelled[t] = labelled(tag);
      rating[t] = "Rating".equals(tag.type());
      regions.add(new LinkedHashMap<>());
    }
  }

  void reset() {
    regions.forEach(Map::clear);
  }

  /** Called for each kept item that gave its tag a region, with that region. */
  void capture(int tag, ItemValue item, Object region) {
    if (rating[tag]) {
      double value = item.ratingOrNumber(Field.RATING);
      if (!Double.isNaN(value)) {
        regions.get(tag).putIfAbsent(plain(value), List.of());
      }
    } else if (labelled[tag]) {
      List<String> labels = labels(item);
      for (String label : labels) {
        Object restricted = labels.size() == 1 ? region : restricted(tag, item, label);
        if (restricted != null) {
          regions.get(tag).computeIfAbsent(label, l -> new ArrayList<>()).add(restricted);
        }
      }
    }
  }

  LabelValues values() {
    int n = regions.size();
    String[][] labels = new String[n][];
    Object[][] restricted = new Object[n][];
    for (int t = 0; t < n; t++) {
      Map<String, List<Object>> byLabel = regions.get(t);
      labels[t] = byLabel.keySet().toArray(String[]::new);
      restricted[t] = new Object[labels[t].length];
      int i = 0;
      for (List<Object> list : byLabel.values()) {
        restricted[t][i++] = list.isEmpty() ? null : comparisons[t].combine(list);
      }
    }
    return new LabelValues(labels, restricted);
  }

  /** 4 rather than 4.0: the way a rating reads in a config and in a spreadsheet. */
  static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static List<String> labels(ItemValue item) {
    List<String> labels = new ArrayList<>(item.choices.size() + item.labels.size());
    item.choices.forEach(c -> add(labels, c));
    item.labels.forEach(l -> add(labels, l));
    item.taxonomy.forEach(path -> add(labels, String.join(PATH_SEPARATOR, path)));
    return labels;
  }

  private static void add(List<String> labels, String label) {
    if (!labels.contains(label)) {
      labels.add(label);
    }
  }

  /** The item's region as if it carried this label alone; the item is put back as it was. */
  private Object restricted(int tag, ItemValue item, String label) {
    List<String> choices = List.copyOf(item.choices);
    List<String> labels = List.copyOf(item.labels);
    List<List<String>> taxonomy = List.copyOf(item.taxonomy);
    try {
      item.choices.removeIf(c -> !c.equals(label));
      item.labels.removeIf(l -> !l.equals(label));
      item.taxonomy.removeIf(path -> !String.join(PATH_SEPARATOR, path).equals(label));
      return comparisons[tag].region(item);
    } finally {
      item.choices.clear();
      item.choices.addAll(choices);
      item.labels.clear();
      item.labels.addAll(labels);
      item.taxonomy.clear();
      item.taxonomy.addAll(taxonomy);
    }
  }
}
