package io.agreement.api.settings;

import io.agreement.engine.AlphaDistances;
import io.agreement.engine.ControlTag;
import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.Metric;
import io.agreement.engine.TagSettings;
import io.agreement.engine.stats.SetDistance;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One control tag with the settings a backfill would score it with now. */
public record Dimension(
    String name,
    String type,
    String metric,
    List<String> allowedMetrics,
    double threshold,
    double weight,
    List<String> excludedLabels,
    @Nullable String alphaLevel,
    List<String> allowedAlphaLevels,
    @Nullable String alphaDistance,
    List<String> allowedAlphaDistances) {

  static Dimension of(ControlTag tag, TagSettings settings) {
    return new Dimension(
        tag.name(),
        tag.type(),
        settings.metric().apiName(),
        Metric.allowedFor(tag.type()).stream().map(Metric::apiName).toList(),
        settings.threshold(),
        settings.weight(),
        settings.excludedLabels().stream().sorted().toList(),
        settings.alphaLevel() == null ? null : settings.alphaLevel().apiName(),
        KrippendorffAlpha.Level.allowedFor(tag).stream()
            .map(KrippendorffAlpha.Level::apiName)
            .toList(),
        settings.alphaDistance() == null ? null : settings.alphaDistance().apiName(),
        AlphaDistances.appliesTo(tag)
            ? Arrays.stream(SetDistance.values()).map(SetDistance::apiName).toList()
            : List.of());
  }
}
