package io.agreement.api.results;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One scored task in GET agreement/tasks/: overall score and per-tag scores in config order. */
record TaskAgreement(
    long taskId,
    @Nullable Double agreement,
    int annotations,
    Map<String, @Nullable Double> controlTags) {}
