package io.agreement.api.settings;

import io.agreement.common.settings.StoredSettings;
import io.agreement.engine.AlphaDistances;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidSettingsException;
import io.agreement.engine.TagSettings;
import java.util.List;
import java.util.Objects;

/**
 * A tag's stored overrides, each null where the default applies: a row of agreement.tag_settings.
 */
record TagOverrides(
    String metric,
    Double threshold,
    Double weight,
    List<String> excludedLabels,
    String alphaLevel,
    String alphaDistance) {

  static final TagOverrides NONE = new TagOverrides(null, null, null, null, null, null);

  static TagOverrides of(StoredSettings.TagRow row) {
    return new TagOverrides(
        row.metric(),
        row.threshold(),
        row.weight(),
        row.excludedLabels(),
        row.alphaLevel(),
        row.alphaDistance());
  }

  /** Overrides of a tag without an alpha distance. */
  TagOverrides(
      String metric,
      Double threshold,
      Double weight,
      List<String> excludedLabels,
      String alphaLevel) {
    this(metric, threshold, weight, excludedLabels, alphaLevel, null);
  }

  /**
   * @throws InvalidSettingsException naming the field that cannot be applied to this tag
   */
  TagSettings applyTo(ControlTag tag, TagSettings defaults) {
    return defaults.withOverrides(
        tag, metric, threshold, weight, excludedLabels, alphaLevel, alphaDistance);
  }

  /**
   * What the worker scores with: overrides that no longer fit the tag (its type changed since) are
   * ignored as a whole, exactly as the worker ignores them; an alpha level or distance alone that
   * no longer fits goes back to its default.
   */
  TagOverrides usableFor(ControlTag tag, TagSettings defaults) {
    String level = TagSettings.applicableAlphaLevel(tag, alphaLevel);
    String distance = AlphaDistances.applicable(tag, alphaDistance);
    TagOverrides usable =
        Objects.equals(level, alphaLevel) && Objects.equals(distance, alphaDistance)
            ? this
            : new TagOverrides(metric, threshold, weight, excludedLabels, level, distance);
    try {
      usable.applyTo(tag, defaults);
      return usable;
    } catch (InvalidSettingsException e) {
      return NONE;
    }
  }

  TagOverrides with(TagPatch patch) {
    return new TagOverrides(
        patch.has(TagPatch.METRIC) ? patch.metric() : metric,
        patch.has(TagPatch.THRESHOLD) ? patch.threshold() : threshold,
        patch.has(TagPatch.WEIGHT) ? patch.weight() : weight,
        patch.has(TagPatch.EXCLUDED_LABELS) ? patch.excludedLabels() : excludedLabels,
        patch.has(TagPatch.ALPHA_LEVEL) ? patch.alphaLevel() : alphaLevel,
        patch.has(TagPatch.ALPHA_DISTANCE) ? patch.alphaDistance() : alphaDistance);
  }
}
