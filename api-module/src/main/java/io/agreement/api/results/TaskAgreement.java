package io.agreement.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One scored task in GET agreement/tasks/: overall score and per-tag scores in config order; {@code
 * task_url} links into Label Studio when LABEL_STUDIO_URL is set.
 */
record TaskAgreement(
    long taskId,
    @Nullable Double agreement,
    int annotations,
    Map<String, @Nullable Double> controlTags,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String taskUrl) {}
