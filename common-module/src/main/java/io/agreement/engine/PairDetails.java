package io.agreement.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a task's {@link TaskPairs}: the per-label pair scores of every labelled tag that counts
 * (weight above 0), and the values confusion matrices count (SPEC 8).
 */
final class PairDetails {

  private final TagComparison[] comparisons;
  private final boolean[] perLabel;
  private final boolean[] confusable;

  PairDetails(List<ScoredTag> tags, TagComparison[] comparisons) {
    this.comparisons = comparisons;
    perLabel = new boolean[tags.size()];
    confusable = new boolean[tags.size()];
    for (int t = 0; t < tags.size(); t++) {
      ControlTag tag = tags.get(t).tag();
      perLabel[t] = LabelCapture.labelled(tag) && tags.get(t).settings().weight() > 0;
      confusable[t] = LabelCapture.confusable(tag);
    }
  }

  TaskPairs of(ParsedAnnotation[] annotations, TaskScorer.Scored scored) {
    int n = annotations.length;
    long[] annotationIds = new long[n];
    long[] userIds = new long[n];
    for (int i = 0; i < n; i++) {
      annotationIds[i] = annotations[i].annotationId();
      userIds[i] = annotations[i].userId();
    }
    LabelScores labels = new LabelScores();
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        addLabelScores(labels, k++, annotations[i].labels(), annotations[j].labels());
      }
    }
    return new TaskPairs(
        scored.score(),
        annotationIds,
        userIds,
        scored.overallPairs(),
        scored.tagPairs(),
        labels.pairs.stream().mapToInt(Integer::intValue).toArray(),
        labels.names.toArray(String[]::new),
        labels.scores.stream().mapToDouble(Double::doubleValue).toArray(),
        values(annotations));
  }

  private static final class LabelScores {
    final List<Integer> pairs = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<Double> scores = new ArrayList<>();
  }

  /** Only labels one side uses count; a side without the label has no region for it. */
  private void addLabelScores(LabelScores into, int pair, LabelValues a, LabelValues b) {
    for (int t = 0; t < perLabel.length; t++) {
      if (!perLabel[t]) {
        continue;
      }
      Set<String> used = new LinkedHashSet<>(List.of(a.labels(t)));
      used.addAll(List.of(b.labels(t)));
      for (String label : used) {
        into.pairs.add(pair);
        into.names.add(label);
        into.scores.add(comparisons[t].pairScore(a.restricted(t, label), b.restricted(t, label)));
      }
    }
  }

  private String[][][] values(ParsedAnnotation[] annotations) {
    String[][][] values = new String[confusable.length][][];
    for (int t = 0; t < confusable.length; t++) {
      if (confusable[t]) {
        values[t] = new String[annotations.length][];
        for (int i = 0; i < annotations.length; i++) {
          values[t][i] = annotations[i].labels().labels(t);
        }
      }
    }
    return values;
  }
}
