package io.agreement.engine;

import java.util.List;
import java.util.Objects;

/**
 * A control tag of a label config.
 *
 * @param name the tag's {@code name}, which result items refer to as {@code from_name}
 * @param type the element name, e.g. {@code Choices} or {@code RectangleLabels}
 * @param toNames the object tags it labels (the comma-separated {@code toName})
 * @param multiple {@code choice="multiple"}
 * @param perRegion {@code perRegion="true"}
 * @param values what results say for each {@code Choice} or {@code Label} below it, in config
 *     order: the order an ordinal Krippendorff's alpha ranks choices by
 * @param objectType the element name of the object tag its first {@code toName} names ({@code
 *     Text}, {@code HyperText}, ...); null when the config has no such object tag
 * @param maxRating a Rating's {@code maxRating} when the config gives a whole number from 1; null
 *     otherwise (Label Studio then offers 1 to 5)
 */
public record ControlTag(
    String name,
    String type,
    List<String> toNames,
    boolean multiple,
    boolean perRegion,
    List<String> values,
    String objectType,
    Integer maxRating) {

  /** Label Studio's scale for a Rating without {@code maxRating}. */
  public static final int DEFAULT_MAX_RATING = 5;

  public ControlTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    toNames = List.copyOf(toNames);
    values = List.copyOf(values);
  }

  /** A tag without a declared rating scale. */
  public ControlTag(
      String name,
      String type,
      List<String> toNames,
      boolean multiple,
      boolean perRegion,
      List<String> values,
      String objectType) {
    this(name, type, toNames, multiple, perRegion, values, objectType, null);
  }

  /** A tag without child values. */
  public ControlTag(
      String name, String type, List<String> toNames, boolean multiple, boolean perRegion) {
    this(name, type, toNames, multiple, perRegion, List.of(), null);
  }

  /** A tag with child values whose object tag is unknown. */
  public ControlTag(
      String name,
      String type,
      List<String> toNames,
      boolean multiple,
      boolean perRegion,
      List<String> values) {
    this(name, type, toNames, multiple, perRegion, values, null);
  }

  ControlTag withObjectType(String objectType) {
    return new ControlTag(name, type, toNames, multiple, perRegion, values, objectType, maxRating);
  }

  /** The values a Rating offers, 1 to its {@code maxRating}; empty for other tags. */
  public double[] ratingScale() {
    if (!"Rating".equals(type)) {
      return new double[0];
    }
    int max = maxRating == null ? DEFAULT_MAX_RATING : maxRating;
    double[] scale = new double[max];
    for (int i = 0; i < max; i++) {
      scale[i] = i + 1;
    }
    return scale;
  }
}
