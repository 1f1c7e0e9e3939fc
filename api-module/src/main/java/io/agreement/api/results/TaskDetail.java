package io.agreement.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET tasks/{task_id}/agreement/: a scored task with its annotation-by-annotation matrix, and a
 * link into Label Studio when LABEL_STUDIO_URL is set.
 */
record TaskDetail(
    long taskId,
    Double agreement,
    int annotations,
    Map<String, Double> controlTags,
    Matrix matrix,
    Instant computedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String taskUrl) {

  /**
   * Overall (weighted) pair scores; row and column i belong to annotation {@code annotation_ids[i]}
   * by user {@code user_ids[i]}, in ascending annotation id. Null when every tag weighs 0.
   */
  record Matrix(List<Long> annotationIds, List<Long> userIds, List<List<Double>> scores) {}
}
