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

  SettingsService(SettingsRepository repo, TransactionTemplate tx) {
    this.repo = repo;
    this.tx = tx;
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

  void updateMethodology(ScopedProject project, Methodology methodology) {
    tx.executeWithoutResult(
        status -> {
          repo.lock(project.id());
          if (repo.methodology(project.id()) != methodology) {
            repo.saveMethodology(project.id(), methodology);
            repo.recordChange(project.id());
          }
        });
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
