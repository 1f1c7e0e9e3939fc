package io.agreement.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One scored task in GET agreement/tasks/: overall score and per-tag scores in config order; {@code
 * task_url} links into Label Studio when LABEL_STUDIO_URL is set.
 */
record TaskAgreement(
    long taskId,
    Double agreement,
    int annotations,
    Map<String, Double> controlTags,
    @JsonInclude(JsonInclude.Include.NON_NULL) String taskUrl) {}
