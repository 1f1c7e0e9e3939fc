package io.agreement.api.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GET agreement/: a project's summary. Before its first backfill or refresh every score is null,
 * {@code computed_at} too, and the tags are those of the current config with their settings. {@code
 * statistics} is the short form of GET agreement/statistics/, by tag: the coefficients without
 * their intervals, for the tags that have them. {@code backfilled} is true once a backfill
 * completed ({@code job_id} is the last one), {@code refreshed_at} the last live refresh that
 * changed the results, and {@code pending_changes} the project's changes waiting for a refresh
 * (tasks marked dirty, and deleted annotations whose tasks it is still to find).
 */
record ProjectAgreement(
    long projectId,
    String methodology,
    @Nullable Instant computedAt,
    boolean stale,
    @Nullable Double agreement,
    @Nullable Integer tasksScored,
    @Nullable Long jobId,
    boolean backfilled,
    @Nullable Instant refreshedAt,
    long pendingChanges,
    List<TagAgreement> controlTags,
    List<AnnotatorAgreement> annotators,
    Map<String, TagStatistics> statistics) {

  /** A tag's reliability coefficients; null where undefined. */
  record TagStatistics(
      Double percentAgreement, Double krippendorffAlpha, Double fleissKappa, Double gwetAc1) {}

  /** {@code agreement} is the tag's mean task score; {@code methodology} the project's. */
  record TagAgreement(
      String name,
      String type,
      String metric,
      String methodology,
      double threshold,
      double weight,
      @Nullable Double agreement,
      @Nullable Integer tasksScored,
      @Nullable Double krippendorffAlpha,
      @Nullable String alphaLevel) {}

  /**
   * {@code agreement} is the mean of the annotator's pair scores; {@code per_tag} the same per tag.
   */
  record AnnotatorAgreement(
      long userId,
      @Nullable String email,
      @Nullable Double agreement,
      long pairs,
      Map<String, @Nullable Double> perTag) {}
}
