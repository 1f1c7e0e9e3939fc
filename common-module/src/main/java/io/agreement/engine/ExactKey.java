package io.agreement.engine;

import io.agreement.engine.ItemValue.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A result item's value as one string, equal exactly when the values are (sets unordered). */
final class ExactKey {

  private static final char END = '\u001e';

  private ExactKey() {}

  static String of(ItemValue item) {
    StringBuilder key = new StringBuilder(32);
    sorted(key, "choices", item.choices);
    sorted(key, "labels", item.labels);
    numbers(key, item);
    list(key, "text", item.text);
    List<String> paths = new ArrayList<>(item.taxonomy.size());
    item.taxonomy.forEach(
        path -> paths.add(String.join(String.valueOf(ItemValue.SEPARATOR), path)));
    sorted(key, "taxonomy", paths);
    for (int i = 0; i < item.pointCount; i++) {
      key.append(item.points[i]).append(ItemValue.SEPARATOR);
    }
    if (item.datetime != null) {
      key.append("datetime=").append(item.datetime).append(END);
    }
    item.others.forEach((name, value) -> key.append(name).append('=').append(value).append(END));
    return key.toString();
  }

  private static void numbers(StringBuilder key, ItemValue item) {
    for (Field field : Field.values()) {
      boolean defaultRotation = field == Field.ROTATION && item.get(field) == 0;
      if (item.has(field) && !defaultRotation) {
        key.append(field.json).append('=').append(item.get(field)).append(END);
      }
    }
    for (int i = 0; i < 2; i++) {
      Field field = i == 0 ? Field.START : Field.END;
      if (item.endpoints[i] != null && !item.has(field)) {
        key.append(field.json).append('=').append(item.endpoints[i]).append(END);
      }
    }
  }

  private static void sorted(StringBuilder key, String name, List<String> values) {
    if (values.size() > 1) {
      List<String> copy = new ArrayList<>(values);
      Collections.sort(copy);
      list(key, name, copy);
    } else {
      list(key, name, values);
    }
  }

  private static void list(StringBuilder key, String name, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    key.append(name).append('=');
    values.forEach(value -> key.append(value).append(ItemValue.SEPARATOR));
    key.append(END);
  }
}
