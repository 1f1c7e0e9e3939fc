package io.agreement.api.settings;

import io.agreement.engine.ControlTag;
import io.agreement.engine.TagSettings;
import java.util.Map;

/**
 * A live project of the caller's organization, with the label config its tags come from and the tag
 * weights of its Label Studio {@code control_weights}.
 */
public record ScopedProject(long id, String labelConfig, Map<String, Double> tagWeights) {

  public ScopedProject {
    tagWeights = Map.copyOf(tagWeights);
  }

  /** A tag's settings before the service's own overrides. */
  TagSettings defaults(ControlTag tag) {
    return TagSettings.defaultsFor(tag, tagWeights);
  }
}
