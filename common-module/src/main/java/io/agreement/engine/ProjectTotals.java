package io.agreement.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The running aggregates of a project: independent of how many tasks were added. */
final class ProjectTotals {

  private final List<ScoredTag> tags;
  private final double[] tagSums;
  private final KrippendorffAlpha[] alphas;
  private final Map<Long, AnnotatorTotals> annotators = new HashMap<>();
  private double overallSum;
  private int overallTasks;
  private int tasksScored;
  private double[] unit = new double[0];

  ProjectTotals(List<ScoredTag> tags) {
    this.tags = tags;
    this.tagSums = new double[tags.size()];
    this.alphas = new KrippendorffAlpha[tags.size()];
    for (int t = 0; t < alphas.length; t++) {
      KrippendorffAlpha.Level level = tags.get(t).settings().alphaLevel();
      alphas[t] = level == null ? null : new KrippendorffAlpha(level);
    }
  }

  void add(ParsedAnnotation[] annotations, TaskScorer.Scored scored) {
    tasksScored++;
    TaskScore score = scored.score();
    for (int t = 0; t < tagSums.length; t++) {
      tagSums[t] += score.tagScores()[t];
      addAlphaUnit(t, annotations);
    }
    if (score.overall() != null) {
      overallSum += score.overall();
      overallTasks++;
    }
    addAnnotatorPairs(annotations, scored);
  }

  private void addAlphaUnit(int tag, ParsedAnnotation[] annotations) {
    if (alphas[tag] == null) {
      return;
    }
    if (unit.length != annotations.length) {
      unit = new double[annotations.length];
    }
    for (int i = 0; i < annotations.length; i++) {
      unit[i] = annotations[i].alphaValue(tag);
    }
    alphas[tag].addUnit(unit);
  }

  /** Pairs of one user's own annotations count in task scores only (SPEC 4.3a). */
  private void addAnnotatorPairs(ParsedAnnotation[] annotations, TaskScorer.Scored scored) {
    int k = 0;
    for (int i = 0; i < annotations.length; i++) {
      for (int j = i + 1; j < annotations.length; j++, k++) {
        if (annotations[i].userId() != annotations[j].userId()) {
          addPair(annotator(annotations[i]), scored, k);
          addPair(annotator(annotations[j]), scored, k);
        }
      }
    }
  }

  private void addPair(AnnotatorTotals annotator, TaskScorer.Scored scored, int pair) {
    for (int t = 0; t < tagSums.length; t++) {
      annotator.addTag(t, scored.tagPairs()[t][pair]);
    }
    if (scored.overallPairs() != null) {
      annotator.addOverall(scored.overallPairs()[pair]);
    }
  }

  private AnnotatorTotals annotator(ParsedAnnotation annotation) {
    return annotators.computeIfAbsent(
        annotation.userId(), id -> new AnnotatorTotals(id, tagSums.length));
  }

  ProjectSummary summary() {
    List<TagSummary> tagSummaries = new ArrayList<>();
    for (int t = 0; t < tagSums.length; t++) {
      tagSummaries.add(tagSummary(t));
    }
    List<AnnotatorSummary> annotatorSummaries =
        annotators.values().stream()
            .map(totals -> totals.summary(tags))
            .sorted(Comparator.comparingLong(AnnotatorSummary::userId))
            .toList();
    Double agreement = overallTasks == 0 ? null : overallSum / overallTasks;
    return new ProjectSummary(agreement, tasksScored, tagSummaries, annotatorSummaries);
  }

  private TagSummary tagSummary(int t) {
    ScoredTag tag = tags.get(t);
    TagSettings settings = tag.settings();
    OptionalDouble alpha = alphas[t] == null ? OptionalDouble.empty() : alphas[t].alpha();
    KrippendorffAlpha.Level level = settings.alphaLevel();
    return new TagSummary(
        tag.tag().name(),
        tag.tag().type(),
        settings.metric(),
        settings.threshold(),
        settings.weight(),
        tasksScored == 0 ? null : tagSums[t] / tasksScored,
        tasksScored,
        alpha.isPresent() ? alpha.getAsDouble() : null,
        level == null ? null : level.apiName());
  }
}
