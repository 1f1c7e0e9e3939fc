package io.agreement.api.settings;

import io.agreement.api.web.ApiException;
import io.agreement.common.live.ConfigChanges;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidSettingsException;
import io.agreement.engine.Methodology;
import io.agreement.engine.TagSettings;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes settings and marks the project's results stale in one transaction, so a completed project
 * is eligible for the next backfill from the moment the change is visible; once that commits, a
 * forced backfill is queued (SPEC 9, AGREEMENT_AUTO_BACKFILL), as for a config changed in Label
 * Studio. A change that leaves the effective settings as they were marks nothing.
 */
final class SettingsService {

  private final SettingsRepository repo;
  private final TransactionTemplate tx;
  private final DimensionIds ids;
  private final ConfigChanges changes;

  SettingsService(
      SettingsRepository repo, TransactionTemplate tx, DimensionIds ids, ConfigChanges changes) {
    this.repo = repo;
    this.tx = tx;
    this.ids = ids;
    this.changes = changes;
  }

  Dimension updateTag(long organizationId, ScopedProject project, String tagName, TagPatch patch) {
    ControlTag tag = EffectiveSettings.controlTag(project, tagName);
    TagSettings defaults = project.defaults(tag);
    Changed<Dimension> changed = tx.execute(status -> changeTag(project, tag, defaults, patch));
    afterCommit(organizationId, project, changed.madeStale());
    return changed.value();
  }

  private Changed<Dimension> changeTag(
      ScopedProject project, ControlTag tag, TagSettings defaults, TagPatch patch) {
    repo.lock(project.id());
    TagOverrides before =
        repo.overrides(project.id())
            .getOrDefault(tag.name(), TagOverrides.NONE)
            .usableFor(tag, defaults);
    TagOverrides after = before.with(patch);
    TagSettings settings = validated(tag, defaults, after);
    repo.saveOverrides(project.id(), tag.name(), after);
    boolean stale =
        !settings.equals(before.applyTo(tag, defaults)) && repo.recordChange(project.id());
    return new Changed<>(Dimension.of(tag, settings), stale);
  }

  /** A methodology change makes results stale; a threshold change only recounts low tasks. */
  void updateProject(long organizationId, ScopedProject project, ProjectSettingsPatch patch) {
    Boolean stale =
        tx.execute(
            status -> {
              repo.lock(project.id());
              boolean madeStale = false;
              Methodology methodology = patch.methodology();
              if (methodology != null && repo.methodology(project.id()) != methodology) {
                repo.saveMethodology(project.id(), methodology);
                madeStale = repo.recordChange(project.id());
              }
              if (patch.agreementThreshold() != null) {
                repo.saveAgreementThreshold(project.id(), patch.agreementThreshold());
              }
              return madeStale;
            });
    afterCommit(organizationId, project, Boolean.TRUE.equals(stale));
  }

  /** The value a change answers, and whether it made existing results stale. */
  private record Changed<T>(T value, boolean madeStale) {}

  private void afterCommit(long organizationId, ScopedProject project, boolean madeStale) {
    if (madeStale && changes.autoBackfill()) {
      changes.queueBackfill(organizationId, project.id(), "settings_change");
    }
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
