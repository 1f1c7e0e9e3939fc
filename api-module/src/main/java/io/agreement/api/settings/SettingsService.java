package io.agreement.api.settings;

import io.agreement.api.web.ApiException;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidSettingsException;
import io.agreement.engine.Methodology;
import io.agreement.engine.TagSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes settings and marks the project's results stale in one transaction, so a completed project
 * is eligible for the next backfill from the moment the change is visible. A change that leaves the
 * effective settings as they were marks nothing.
 */
final class SettingsService {

  private final SettingsRepository repo;
  private final TransactionTemplate tx;
  private final DimensionIds ids;

  SettingsService(SettingsRepository repo, TransactionTemplate tx, DimensionIds ids) {
    this.repo = repo;
    this.tx = tx;
    this.ids = ids;
  }

  Dimension updateTag(ScopedProject project, String tagName, TagPatch patch) {
    ControlTag tag = EffectiveSettings.controlTag(project, tagName);
    TagSettings defaults = project.defaults(tag);
    return tx.execute(
        status -> {
          repo.lock(project.id());
          TagOverrides before =
              repo.overrides(project.id())
                  .getOrDefault(tag.name(), TagOverrides.NONE)
                  .usableFor(tag, defaults);
          TagOverrides after = before.with(patch);
          TagSettings settings = validated(tag, defaults, after);
          repo.saveOverrides(project.id(), tag.name(), after);
          if (!settings.equals(before.applyTo(tag, defaults))) {
            repo.recordChange(project.id());
          }
          return Dimension.of(tag, settings);
        });
  }

  /** A methodology change makes results stale; a threshold change only recounts low tasks. */
  void updateProject(ScopedProject project, ProjectSettingsPatch patch) {
    tx.executeWithoutResult(
        status -> {
          repo.lock(project.id());
          Methodology methodology = patch.methodology();
          if (methodology != null && repo.methodology(project.id()) != methodology) {
            repo.saveMethodology(project.id(), methodology);
            repo.recordChange(project.id());
          }
          if (patch.agreementThreshold() != null) {
            repo.saveAgreementThreshold(project.id(), patch.agreementThreshold());
          }
        });
  }

  /**
   * A dimension in a path: a number is a dimension id (or, failing that, a tag so named), anything
   * else a control tag name; 404 when it names no tag of the current config.
   */
  String controlTagName(ScopedProject project, String segment) {
    String name = segment;
    if (segment.chars().allMatch(Character::isDigit)
        && !segment.isEmpty()
        && segment.length() < 10) {
      name = ids.controlTag(project.id(), Long.parseLong(segment)).orElse(segment);
    }
    return EffectiveSettings.controlTag(project, name).name();
  }

  private static TagSettings validated(
      ControlTag tag, TagSettings defaults, TagOverrides overrides) {
    try {
      return overrides.applyTo(tag, defaults);
    } catch (InvalidSettingsException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
