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
 */
public record ControlTag(
    String name,
    String type,
    List<String> toNames,
    boolean multiple,
    boolean perRegion,
    List<String> values,
    String objectType) {

  public ControlTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    toNames = List.copyOf(toNames);
    values = List.copyOf(values);
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
    return new ControlTag(name, type, toNames, multiple, perRegion, values, objectType);
  }
}
