package io.agreement.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Collects, while an annotation is read, what its set-valued tags (multi-select Choices, Taxonomy,
 * neither per region) gave: the set of chosen choices, or of full taxonomy paths, for the tag's
 * reliability statistics (SPEC 4.7). A tag without a result item is missing, not an empty set.
 */
final class SetCapture {

  private final boolean[] setValued;
  private final boolean[] taxonomy;
  private final List<TreeSet<String>> members = new ArrayList<>();
  private final boolean[] seen;

  SetCapture(List<ScoredTag> tags) {
    int n = tags.size();
    setValued = new boolean[n];
    taxonomy = new boolean[n];
    seen = new boolean[n];
    for (int t = 0; t < n; t++) {
      ControlTag tag = tags.get(t).tag();
      setValued[t] = isSetValued(tag);
      taxonomy[t] = "Taxonomy".equals(tag.type());
      members.add(new TreeSet<>());
    }
  }

  static boolean isSetValued(ControlTag tag) {
    return !tag.perRegion()
        && ("Taxonomy".equals(tag.type()) || "Choices".equals(tag.type()) && tag.multiple());
  }

  void reset() {
    members.forEach(TreeSet::clear);
    Arrays.fill(seen, false);
  }

  /** Called for each kept result item, in result order. */
  void capture(int tag, ItemValue item) {
    if (!setValued[tag]) {
      return;
    }
    seen[tag] = true;
    if (taxonomy[tag]) {
      item.taxonomy.forEach(path -> members.get(tag).add(String.join(" / ", path)));
    } else {
      members.get(tag).addAll(item.choices);
    }
  }

  /** Per tag the sorted members, null for a tag that is not set-valued or got no item. */
  String[][] values() {
    String[][] values = new String[setValued.length][];
    for (int t = 0; t < values.length; t++) {
      values[t] = seen[t] ? members.get(t).toArray(String[]::new) : null;
    }
    return values;
  }
}
