package io.agreement.engine.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values one tag's ratings can take, each given a small integer code so that a task's ratings
 * are a few ints. Categories keep their declared order (the ordinal rank), numbers their value,
 * sets of categories their members. Values that are not declared get the next code, except on an
 * ordered scale, where a value without a rank cannot be placed and counts as missing.
 */
public final class Scale {

  /** The code of a missing rating. */
  public static final int MISSING = -1;

  enum Kind {
    CATEGORIES,
    ORDERED,
    NUMBERS,
    SETS
  }

  private final Kind kind;
  private final Map<Object, Integer> codes = new HashMap<>();
  private final List<Object> values = new ArrayList<>();

  private Scale(Kind kind, Collection<?> declared) {
    this.kind = kind;
    declared.forEach(this::add);
  }

  /** Unordered categories; the declared ones count towards Gwet's q even when nobody chose them. */
  public static Scale categories(Collection<String> declared) {
    return new Scale(Kind.CATEGORIES, declared);
  }

  /** Categories ranked in the given order; others are missing. */
  public static Scale ordered(List<String> order) {
    return new Scale(Kind.ORDERED, order);
  }

  /** Numbers; {@code declared} is the scale a Rating offers (1..maxRating), empty for Number. */
  public static Scale numbers(double... declared) {
    List<Double> boxed = new ArrayList<>();
    for (double value : declared) {
      boxed.add(value);
    }
    return new Scale(Kind.NUMBERS, boxed);
  }

  /** Sets of categories (multi-select Choices, Taxonomy paths), each distinct set one value. */
  public static Scale sets() {
    return new Scale(Kind.SETS, List.of());
  }

  public int code(String category) {
    if (category == null || kind == Kind.NUMBERS || kind == Kind.SETS) {
      return MISSING;
    }
    Integer code = codes.get(category);
    return code != null ? code : kind == Kind.ORDERED ? MISSING : add(category);
  }

  /** NaN is missing. */
  public int code(double number) {
    if (kind != Kind.NUMBERS || Double.isNaN(number) || Double.isInfinite(number)) {
      return MISSING;
    }
    double normalised = number == 0 ? 0 : number;
    Integer code = codes.get(normalised);
    return code != null ? code : add(normalised);
  }

  public int code(Collection<String> members) {
    if (members == null || kind != Kind.SETS) {
      return MISSING;
    }
    Set<String> set = Set.copyOf(new TreeSet<>(members));
    Integer code = codes.get(set);
    return code != null ? code : add(set);
  }

  /** The number of values with a code: Gwet's q. */
  public int size() {
    return values.size();
  }

  public boolean isSets() {
    return kind == Kind.SETS;
  }

  /** Where a value sits on the scale: its number, or its rank for categories. */
  double position(int code) {
    return kind == Kind.NUMBERS ? (Double) values.get(code) : code;
  }

  @SuppressWarnings("unchecked")
  Set<String> members(int code) {
    return (Set<String>) values.get(code);
  }

  /** The value as a reader would name it. */
  public String label(int code) {
    Object value = values.get(code);
    if (value instanceof Double number && number == Math.rint(number)) {
      return Long.toString(number.longValue());
    }
    return value instanceof Set<?> set ? new TreeSet<>(set).toString() : value.toString();
  }

  private int add(Object value) {
    Integer existing = codes.putIfAbsent(value, values.size());
    if (existing != null) {
      return existing;
    }
    values.add(value);
    return values.size() - 1;
  }
}
