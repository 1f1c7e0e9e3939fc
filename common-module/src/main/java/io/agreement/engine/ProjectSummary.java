package io.agreement.engine;

import java.util.List;

/**
 * A project's agreement over all its scored tasks.
 *
 * @param agreement mean of the tasks' overall scores; null when no task has one
 * @param tasksScored tasks with at least two counted annotations
 * @param tags per tag, in config order
 * @param annotators per annotator, by ascending user id
 */
public record ProjectSummary(
    Double agreement, int tasksScored, List<TagSummary> tags, List<AnnotatorSummary> annotators) {

  public ProjectSummary {
    tags = List.copyOf(tags);
    annotators = List.copyOf(annotators);
  }
}
