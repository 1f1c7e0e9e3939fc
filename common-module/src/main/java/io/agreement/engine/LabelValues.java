package io.agreement.engine;

/**
 * One annotation's labels per tag, in result order, with the regions carrying each (combined as its
 * tag's metric compares them); a Rating's values have no regions.
 */
record LabelValues(String[][] labels, Object[][] restricted) {

  static final LabelValues NONE = new LabelValues(new String[0][], new Object[0][]);

  String[] labels(int tag) {
    return tag < labels.length ? labels[tag] : new String[0];
  }

  /** The combined regions carrying the label; null when the annotation does not use it. */
  Object restricted(int tag, String label) {
    String[] names = labels(tag);
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(label)) {
        return restricted[tag][i];
      }
    }
    return null;
  }
}
