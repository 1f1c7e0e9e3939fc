package io.agreement.engine;

import io.agreement.engine.stats.SetDistance;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code alpha_distance} setting of set-valued tags (SPEC 4.7), checked like the others. */
public final class AlphaDistances {

  private AlphaDistances() {}

  /** Whether the tag can have the setting: multi-select Choices and Taxonomy, not per region. */
  public static boolean appliesTo(ControlTag tag) {
    return SetCapture.isSetValued(tag);
  }

  /**
   * A stored distance, or null when the tag can no longer have it (its type changed since): the
   * distance then falls back to its default without taking the tag's other settings down with it.
   */
  public static String applicable(ControlTag tag, String stored) {
    return appliesTo(tag) && SetDistance.fromApiName(stored).isPresent() ? stored : null;
  }

  /**
   * @throws InvalidSettingsException for an unknown distance or a tag that is not set-valued
   */
  static SetDistance parse(ControlTag tag, String name) {
    if (!appliesTo(tag)) {
      throw new InvalidSettingsException(
          ("alpha_distance does not apply to tag '%s' (%s): it is a setting of multi-select"
                  + " Choices and Taxonomy only")
              .formatted(tag.name(), tag.type()));
    }
    return SetDistance.fromApiName(name)
        .orElseThrow(
            () ->
                new InvalidSettingsException(
                    "alpha_distance '%s' is not allowed for tag '%s' (%s); allowed: %s"
                        .formatted(
                            name,
                            tag.name(),
                            tag.type(),
                            Arrays.stream(SetDistance.values())
                                .map(SetDistance::apiName)
                                .collect(Collectors.joining(", ")))));
  }
}
