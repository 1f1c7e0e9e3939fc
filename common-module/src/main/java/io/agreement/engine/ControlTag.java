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
 * @param values the {@code value} of each child element ({@code Choice}, {@code Label}), in config
 *     order: the order an ordinal Krippendorff's alpha ranks choices by
 */
public record ControlTag(
    String name,
    String type,
    List<String> toNames,
    boolean multiple,
    boolean perRegion,
    List<String> values) {

  public ControlTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    toNames = List.copyOf(toNames);
    values = List.copyOf(values);
  }

  /** A tag without child values. */
  public ControlTag(
      String name, String type, List<String> toNames, boolean multiple, boolean perRegion) {
    this(name, type, toNames, multiple, perRegion, List.of());
  }
}
