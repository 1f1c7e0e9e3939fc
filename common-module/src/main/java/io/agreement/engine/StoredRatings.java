package io.agreement.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A project's Krippendorff's alpha per tag and its statistics, rebuilt from every task's stored
 * {@link TaskRatings} in task order: the same units and rating tables, in the same order, as a
 * backfill's {@link ProjectScorer} and {@link ProjectStatistics} build from the annotations, so the
 * numbers are the backfill's. Not thread-safe.
 */
public final class StoredRatings {

  private static final Comparator<ParsedAnnotation> BY_ID =
      Comparator.comparingLong(ParsedAnnotation::annotationId);

  private final ProjectScorer scorer;
  private final KrippendorffAlpha[] alphas;
  private final ProjectStatistics statistics;

  public StoredRatings(ProjectScorer scorer, long projectId) {
    this.scorer = scorer;
    List<ScoredTag> tags = scorer.tags();
    this.alphas = new KrippendorffAlpha[tags.size()];
    for (int t = 0; t < alphas.length; t++) {
      KrippendorffAlpha.Level level = tags.get(t).settings().alphaLevel();
      alphas[t] = level == null ? null : new KrippendorffAlpha(level);
    }
    this.statistics = new ProjectStatistics(scorer, projectId);
  }

  /**
   * Adds one task; tasks must come in id order, as a backfill reads them.
   *
   * @throws IllegalArgumentException if the ratings were not encoded for this scorer's tags
   */
  public void add(long taskId, byte[] ratings) {
    TaskRatings.Decoded decoded = TaskRatings.decode(scorer, ratings);
    List<ParsedAnnotation> annotations = decoded.annotations();
    if (annotations.isEmpty()) {
      return;
    }
    if (annotations.size() >= 2) {
      ParsedAnnotation[] sorted = annotations.toArray(ParsedAnnotation[]::new);
      Arrays.sort(sorted, BY_ID);
      double[] unit = new double[sorted.length];
      for (int t = 0; t < alphas.length; t++) {
        if (alphas[t] != null) {
          for (int i = 0; i < sorted.length; i++) {
            unit[i] = sorted[i].alphaValue(t);
          }
          alphas[t].addUnit(unit);
        }
      }
    }
    statistics.add(taskId, annotations, decoded.updatedAt());
  }

  /** The tag's alpha (config order), null when it has none or it is undefined. */
  public Double alpha(int tag) {
    if (alphas[tag] == null) {
      return null;
    }
    OptionalDouble alpha = alphas[tag].alpha();
    return alpha.isPresent() ? alpha.getAsDouble() : null;
  }

  public List<ProjectStatistics.TagResult> statistics() {
    return statistics.compute();
  }
}
