package io.agreement.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GET tasks/{task_id}/agreement/: a scored task with its annotation-by-annotation matrix, and a
 * link into Label Studio when LABEL_STUDIO_URL is set.
 */
record TaskDetail(
    long taskId,
    @Nullable Double agreement,
    int annotations,
    Map<String, @Nullable Double> controlTags,
    @Nullable Matrix matrix,
    @Nullable Instant computedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String taskUrl) {

  /**
   * Overall (weighted) pair scores; row and column i belong to annotation {@code annotation_ids[i]}
   * by user {@code user_ids[i]}, in ascending annotation id. Null when every tag weighs 0.
   */
  record Matrix(
      List<Long> annotationIds, List<Long> userIds, List<List<@Nullable Double>> scores) {}
}
