package io.agreement.engine;

import io.agreement.engine.stats.RatingTable;
import io.agreement.engine.stats.Scale;
import io.agreement.engine.stats.SetDistance;
import io.agreement.engine.stats.Statistics;
import io.agreement.engine.stats.StatisticsOptions;
import io.agreement.engine.stats.TagStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's reliability statistics (SPEC 4.7) for the tags that have a Krippendorff's alpha
 * (single-choice Choices, Rating, Number) and the set-valued ones (multi-select Choices, Taxonomy;
 * alpha with the tag's {@code alpha_distance}, Jaccard by default), fed the same parsed annotations
 * as its {@link ProjectScorer}. A task keeps one rating per annotator, that of the annotator's
 * latest counted annotation (by update time, then id), in its tag's {@link RatingTable}. Not
 * thread-safe.
 */
public final class ProjectStatistics {

  /** One tag's statistics. */
  public record TagResult(ControlTag tag, TagStatistics statistics) {}

  private final ProjectScorer scorer;
  private final long projectId;
  private final List<Integer> tagIndexes = new ArrayList<>();
  private final List<RatingTable> tables = new ArrayList<>();

  public ProjectStatistics(ProjectScorer scorer, long projectId) {
    this.scorer = scorer;
    this.projectId = projectId;
    List<ScoredTag> tags = scorer.tags();
    for (int t = 0; t < tags.size(); t++) {
      if (tags.get(t).settings().alphaLevel() != null
          || SetCapture.isSetValued(tags.get(t).tag())) {
        tagIndexes.add(t);
        tables.add(new RatingTable(scale(tags.get(t))));
      }
    }
  }

  /**
   * Adds a task; tasks come in ascending id, each once, as a project streams past.
   *
   * @param updatedAt each annotation's update time (any monotonic unit), in the list's order
   */
  public void add(long taskId, List<ParsedAnnotation> annotations, long[] updatedAt) {
    List<Integer> latest = latestPerAnnotator(annotations, updatedAt);
    long[] raters = new long[latest.size()];
    for (int i = 0; i < raters.length; i++) {
      raters[i] = annotations.get(latest.get(i)).userId();
    }
    for (int s = 0; s < tables.size(); s++) {
      int tag = tagIndexes.get(s);
      int[] codes = new int[raters.length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = code(s, tag, annotations.get(latest.get(i)));
      }
      tables.get(s).put(taskId, raters, codes);
    }
  }

  /** In config order. */
  public List<TagResult> compute() {
    List<TagResult> results = new ArrayList<>();
    for (int s = 0; s < tables.size(); s++) {
      ScoredTag tag = scorer.tags().get(tagIndexes.get(s));
      results.add(new TagResult(tag.tag(), Statistics.compute(tables.get(s), options(tag))));
    }
    return results;
  }

  private StatisticsOptions options(ScoredTag tag) {
    if (tag.settings().alphaLevel() == null) {
      SetDistance distance = tag.settings().alphaDistance();
      return StatisticsOptions.ofSets(
          distance == null ? SetDistance.JACCARD : distance, projectId, tag.tag().name());
    }
    boolean numeric = !"Choices".equals(tag.tag().type());
    return StatisticsOptions.of(tag.settings().alphaLevel(), numeric, projectId, tag.tag().name());
  }

  private int code(int table, int tag, ParsedAnnotation annotation) {
    Scale scale = tables.get(table).scale();
    if (scale.isSets()) {
      String[] members = annotation.setValue(tag);
      return members == null ? Scale.MISSING : scale.code(List.of(members));
    }
    double alphaValue = annotation.alphaValue(tag);
    if (Double.isNaN(alphaValue)) {
      return Scale.MISSING;
    }
    boolean choices = "Choices".equals(scorer.tags().get(tag).tag().type());
    return choices
        ? scale.code(scorer.alphaCategory(tag, (int) alphaValue))
        : scale.code(alphaValue);
  }

  private static Scale scale(ScoredTag tag) {
    if (tag.settings().alphaLevel() == null) {
      return Scale.sets();
    }
    if (!"Choices".equals(tag.tag().type())) {
      return Scale.numbers(tag.tag().ratingScale());
    }
    List<String> declared = tag.tag().values().stream().distinct().toList();
    return tag.settings().alphaLevel() == KrippendorffAlpha.Level.ORDINAL
        ? Scale.ordered(declared)
        : Scale.categories(declared);
  }

  /**
   * Indexes of each annotator's latest annotation: greatest update time, then greatest id. A task
   * has a handful of annotations, so comparing each with the others beats building a map.
   */
  private static List<Integer> latestPerAnnotator(
      List<ParsedAnnotation> annotations, long[] updatedAt) {
    List<Integer> latest = new ArrayList<>(annotations.size());
    for (int i = 0; i < annotations.size(); i++) {
      if (isLatestOfItsAnnotator(annotations, updatedAt, i)) {
        latest.add(i);
      }
    }
    return latest;
  }

  private static boolean isLatestOfItsAnnotator(
      List<ParsedAnnotation> annotations, long[] updatedAt, int i) {
    long user = annotations.get(i).userId();
    for (int j = 0; j < annotations.size(); j++) {
      if (j != i && annotations.get(j).userId() == user && isLater(annotations, updatedAt, j, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLater(
      List<ParsedAnnotation> annotations, long[] updatedAt, int a, int b) {
    if (updatedAt[a] != updatedAt[b]) {
      return updatedAt[a] > updatedAt[b];
    }
    return annotations.get(a).annotationId() > annotations.get(b).annotationId();
  }
}
