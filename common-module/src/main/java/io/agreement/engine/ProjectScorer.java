package io.agreement.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One job's scorer: create once per project job, feed it tasks one by one. It keeps only
 * aggregates, so its memory does not grow with the number of tasks. Not thread-safe.
 */
public final class ProjectScorer {

  private static final Comparator<ParsedAnnotation> BY_ID =
      Comparator.comparingLong(ParsedAnnotation::annotationId);

  private final List<ScoredTag> tags;
  private final ResultReader reader;
  private final TaskScorer taskScorer;
  private final ProjectTotals totals;
  private final PairDetails details;
  private final AlphaCapture alpha;

  /**
   * @param settingsByTag settings by tag name; tags missing from it get defaults, names that are
   *     not a control tag of the config are ignored
   * @throws InvalidSettingsException if a tag's metric is not allowed for its type
   */
  public ProjectScorer(
      LabelConfig config, Methodology methodology, Map<String, TagSettings> settingsByTag) {
    Objects.requireNonNull(methodology, "methodology");
    this.tags =
        config.controlTags().stream()
            .map(tag -> scored(tag, settingsByTag == null ? null : settingsByTag.get(tag.name())))
            .toList();
    TagComparison[] comparisons =
        tags.stream()
            .map(tag -> TagComparison.of(tag.tag(), tag.settings().metric()))
            .toArray(TagComparison[]::new);
    this.alpha = new AlphaCapture(tags);
    this.reader = new ResultReader(tags, comparisons, alpha, new SetCapture(tags));
    this.taskScorer = new TaskScorer(methodology, tags, comparisons);
    this.totals = new ProjectTotals(tags);
    this.details = new PairDetails(tags, comparisons);
  }

  /** Config order; {@link TaskScore#tagScores()} is aligned with it. */
  public List<ScoredTag> tags() {
    return tags;
  }

  /**
   * Reads an annotation's Label Studio {@code result} (a JSON array of result items) once into a
   * compact per-tag form. Null or blank means no regions.
   *
   * @throws MalformedResultException if the JSON or one of its items cannot be read
   */
  public ParsedAnnotation parse(long annotationId, long userId, String resultJson) {
    return reader.read(annotationId, userId, resultJson);
  }

  /** The same from the result's UTF-8 bytes. */
  public ParsedAnnotation parse(long annotationId, long userId, byte[] resultJson) {
    return reader.read(annotationId, userId, resultJson);
  }

  /**
   * Scores a task from its counted annotations and adds it to the project's aggregates.
   *
   * @return empty, and nothing added, when there are fewer than two annotations
   */
  public Optional<TaskScore> score(long taskId, List<ParsedAnnotation> annotations) {
    return scoreWithPairs(taskId, annotations).map(TaskPairs::score);
  }

  /**
   * {@link #score}, with the task's pair scores, per-label scores and values as SPEC 8's read API
   * needs them.
   */
  public Optional<TaskPairs> scoreWithPairs(long taskId, List<ParsedAnnotation> annotations) {
    if (annotations.size() < 2) {
      return Optional.empty();
    }
    ParsedAnnotation[] sorted = annotations.toArray(ParsedAnnotation[]::new);
    Arrays.sort(sorted, BY_ID);
    TaskScorer.Scored scored = taskScorer.score(taskId, sorted);
    totals.add(sorted, scored);
    return Optional.of(details.of(sorted, scored));
  }

  /** The choice a Choices tag's alpha value (a category index) stands for. */
  String alphaCategory(int tag, int index) {
    return alpha.category(tag, index);
  }

  /** The alpha value (a category index) a Choices tag's choice has for this scorer. */
  double alphaIndex(int tag, String category) {
    return alpha.index(tag, category);
  }

  public ProjectSummary summary() {
    return totals.summary();
  }

  private static ScoredTag scored(ControlTag tag, TagSettings settings) {
    TagSettings chosen = settings == null ? TagSettings.defaultsFor(tag) : settings;
    chosen.requireAllowedFor(tag);
    return new ScoredTag(tag, chosen);
  }
}
