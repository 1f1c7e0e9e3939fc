package io.agreement.api.settings;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.JsonBody;
import io.agreement.api.web.QueryParams;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.LabelConfig;
import io.agreement.engine.TagSettings;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The settings the next backfill of a project would use: stored overrides over the defaults. */
public final class EffectiveSettings {

  private final SettingsRepository repo;

  EffectiveSettings(SettingsRepository repo) {
    this.repo = repo;
  }

  /** Every control tag of the current label config; none when the config cannot be read. */
  public DimensionsView view(ScopedProject project) {
    String methodology = repo.methodology(project.id()).apiName();
    double threshold = repo.agreementThreshold(project.id());
    LabelConfig config;
    try {
      config = LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      return new DimensionsView(project.id(), methodology, threshold, List.of(), e.getMessage());
    }
    return new DimensionsView(
        project.id(), methodology, threshold, dimensions(project, config), null);
  }

  /** Each control tag of the config with the settings a backfill would use now, config order. */
  List<Dimension> dimensions(ScopedProject project, LabelConfig config) {
    Map<String, TagOverrides> overrides = repo.overrides(project.id());
    return config.controlTags().stream()
        .map(
            tag -> {
              TagSettings defaults = project.defaults(tag);
              return Dimension.of(
                  tag,
                  overrides
                      .getOrDefault(tag.name(), TagOverrides.NONE)
                      .usableFor(tag, defaults)
                      .applyTo(tag, defaults));
            })
        .toList();
  }

  /**
   * The named tag of the current config: 404 when there is none, 409 when the config is unreadable.
   */
  static ControlTag controlTag(ScopedProject project, String name) {
    LabelConfig config;
    try {
      config = LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Project "
              + project.id()
              + " has a label config that cannot be read ("
              + e.getMessage()
              + "); fix the label config first");
    }
    return config
        .controlTag(name)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Control tag '"
                        + JsonBody.preview(name)
                        + "' is not in the label config of project "
                        + project.id()
                        + "; its control tags: "
                        + names(config)));
  }

  private static String names(LabelConfig config) {
    return QueryParams.someNames(config.controlTags().stream().map(ControlTag::name).toList());
  }
}
