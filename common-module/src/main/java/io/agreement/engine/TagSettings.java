package io.agreement.engine;

import io.agreement.engine.stats.SetDistance;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one control tag is scored (SPEC 4.4).
 *
 * @param metric how two annotations are compared
 * @param threshold pair score from which a pair agrees under consensus, in [0, 1]
 * @param weight the tag's weight in the overall score; 0 leaves it out
 * @param excludedLabels labels or choices dropped before comparing
 * @param alphaLevel the level of measurement of the tag's Krippendorff's alpha (SPEC 4.6); null for
 *     a tag that has none
 * @param alphaDistance the distance of a set-valued tag's alpha (multi-select Choices, Taxonomy;
 *     SPEC 4.7); null for other tags
 */
public record TagSettings(
    Metric metric,
    double threshold,
    double weight,
    Set<String> excludedLabels,
    KrippendorffAlpha.Level alphaLevel,
    SetDistance alphaDistance) {

  /**
   * The largest weight the settings API accepts or Label Studio's weights are read with: far above
   * any sensible weight, low enough that a project's weights never add up to infinity.
   */
  public static final double MAX_WEIGHT = 1_000_000;

  public TagSettings {
    Objects.requireNonNull(metric, "metric");
    requireThreshold(threshold);
    requireWeight(weight);
    excludedLabels = excludedLabels == null ? Set.of() : Set.copyOf(excludedLabels);
  }

  /** Settings of a tag that is not set-valued. */
  public TagSettings(
      Metric metric,
      double threshold,
      double weight,
      Set<String> excludedLabels,
      KrippendorffAlpha.Level alphaLevel) {
    this(metric, threshold, weight, excludedLabels, alphaLevel, null);
  }

  /**
   * Threshold 0.5 (0.85 for text similarity), weight 1, nothing excluded, alpha nominal for a
   * single-choice Choices and interval for Rating and Number, the Jaccard distance for set-valued
   * tags.
   */
  public static TagSettings defaultsFor(ControlTag tag) {
    Metric metric = Metric.defaultFor(tag.type());
    return new TagSettings(
        metric,
        metric.defaultThreshold(),
        1,
        Set.of(),
        KrippendorffAlpha.Level.defaultFor(tag),
        SetCapture.isSetValued(tag) ? SetDistance.JACCARD : null);
  }

  /**
   * The defaults, with the weight the project's Label Studio {@code control_weights} gives the tag
   * where it gives one ({@link LabelStudioWeights}).
   */
  public static TagSettings defaultsFor(ControlTag tag, Map<String, Double> projectWeights) {
    TagSettings defaults = defaultsFor(tag);
    Double weight = projectWeights.get(tag.name());
    return weight == null
        ? defaults
        : new TagSettings(
            defaults.metric,
            defaults.threshold,
            weight,
            defaults.excludedLabels,
            defaults.alphaLevel,
            defaults.alphaDistance);
  }

  /**
   * Applies stored overrides (null = keep default), validating them.
   *
   * <p>A threshold left null follows the metric: changing the metric to {@code text_similarity}
   * moves the default threshold to 0.85.
   *
   * @throws InvalidSettingsException naming the field that cannot be applied
   */
  public TagSettings withOverrides(
      ControlTag tag,
      String metric,
      Double threshold,
      Double weight,
      Collection<String> excludedLabels,
      String alphaLevel) {
    return withOverrides(tag, metric, threshold, weight, excludedLabels, alphaLevel, null);
  }

  /** The same, with the alpha distance of a set-valued tag ({@code jaccard}, {@code masi}). */
  public TagSettings withOverrides(
      ControlTag tag,
      String metric,
      Double threshold,
      Double weight,
      Collection<String> excludedLabels,
      String alphaLevel,
      String alphaDistance) {
    Metric chosen = metric == null ? this.metric : parseMetric(tag, metric);
    double chosenThreshold = threshold != null ? threshold : defaultThresholdAfter(chosen);
    return new TagSettings(
        chosen,
        chosenThreshold,
        weight == null ? this.weight : weight,
        excludedLabels == null ? this.excludedLabels : labels(excludedLabels),
        alphaLevel == null ? this.alphaLevel : parseAlphaLevel(tag, alphaLevel),
        alphaDistance == null ? this.alphaDistance : AlphaDistances.parse(tag, alphaDistance));
  }

  /**
   * A stored alpha level, or null when the tag can no longer have it (its type or its listed
   * choices changed since): the level then falls back to its default instead of taking the tag's
   * other stored settings down with it.
   */
  public static String applicableAlphaLevel(ControlTag tag, String stored) {
    return KrippendorffAlpha.Level.fromApiName(stored)
            .filter(level -> KrippendorffAlpha.Level.allowedFor(tag).contains(level))
            .isPresent()
        ? stored
        : null;
  }

  /**
   * Rejects a metric that SPEC 4.2 does not allow for the tag's type, and an alpha level the tag
   * cannot have.
   */
  void requireAllowedFor(ControlTag tag) {
    if (!Metric.allowedFor(tag.type()).contains(metric)) {
      throw new InvalidSettingsException(notAllowed(tag, metric.apiName()));
    }
    if (alphaLevel != null && !KrippendorffAlpha.Level.allowedFor(tag).contains(alphaLevel)) {
      throw new InvalidSettingsException(alphaNotAllowed(tag, alphaLevel.apiName()));
    }
    if (alphaDistance != null) {
      AlphaDistances.parse(tag, alphaDistance.apiName());
    }
  }

  private double defaultThresholdAfter(Metric chosen) {
    return chosen == metric ? threshold : chosen.defaultThreshold();
  }

  private static Metric parseMetric(ControlTag tag, String name) {
    Metric parsed =
        Metric.fromApiName(name)
            .orElseThrow(() -> new InvalidSettingsException(notAllowed(tag, name)));
    if (!Metric.allowedFor(tag.type()).contains(parsed)) {
      throw new InvalidSettingsException(notAllowed(tag, name));
    }
    return parsed;
  }

  private static KrippendorffAlpha.Level parseAlphaLevel(ControlTag tag, String name) {
    return KrippendorffAlpha.Level.fromApiName(name)
        .filter(level -> KrippendorffAlpha.Level.allowedFor(tag).contains(level))
        .orElseThrow(() -> new InvalidSettingsException(alphaNotAllowed(tag, name)));
  }

  private static String alphaNotAllowed(ControlTag tag, String name) {
    Set<KrippendorffAlpha.Level> allowed = KrippendorffAlpha.Level.allowedFor(tag);
    if (allowed.isEmpty()) {
      return ("alpha_level does not apply to tag '%s' (%s): Krippendorff's alpha is computed for"
              + " single-choice Choices, Rating and Number only")
          .formatted(tag.name(), tag.type());
    }
    return "alpha_level '%s' is not allowed for tag '%s' (%s); allowed: %s"
        .formatted(
            name,
            tag.name(),
            tag.type(),
            String.join(", ", allowed.stream().map(KrippendorffAlpha.Level::apiName).toList()));
  }

  private static String notAllowed(ControlTag tag, String name) {
    Set<String> allowed = new TreeSet<>();
    Metric.allowedFor(tag.type()).forEach(m -> allowed.add(m.apiName()));
    return "metric '%s' is not allowed for tag '%s' (%s); allowed: %s"
        .formatted(name, tag.name(), tag.type(), String.join(", ", allowed));
  }

  private static Set<String> labels(Collection<String> labels) {
    if (labels.stream().anyMatch(Objects::isNull)) {
      throw new InvalidSettingsException("excluded_labels must not contain null");
    }
    return Set.copyOf(labels);
  }

  private static void requireThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new InvalidSettingsException("threshold must be between 0 and 1, got " + threshold);
    }
  }

  private static void requireWeight(double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new InvalidSettingsException("weight must be a finite number >= 0, got " + weight);
    }
  }
}
