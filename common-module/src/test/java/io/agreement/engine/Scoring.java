package io.agreement.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a scorer from a config and scores tasks given as result JSON, one per annotation. */
final class Scoring {

  private final ProjectScorer scorer;
  private long nextAnnotationId = 1;

  Scoring(String config, Methodology methodology) {
    this(config, methodology, Map.of());
  }

  Scoring(String config, Methodology methodology, Map<String, TagSettings> settings) {
    this.scorer = new ProjectScorer(LabelConfig.parse(config), methodology, settings);
  }

  static String view(String... controls) {
    return "<View><Text name=\"obj\" value=\"$text\"/>" + String.join("", controls) + "</View>";
  }

  ProjectScorer scorer() {
    return scorer;
  }

  /** Each result by a different user. */
  TaskScore task(String... results) {
    List<ParsedAnnotation> annotations = new ArrayList<>();
    for (String result : results) {
      long id = nextAnnotationId++;
      annotations.add(scorer.parse(id, 100 + id, result));
    }
    return scorer.score(nextAnnotationId, annotations).orElseThrow();
  }

  /** The score of the tag at this index for a task of these results. */
  double tagScore(int tag, String... results) {
    return task(results).tagScores()[tag];
  }
}
