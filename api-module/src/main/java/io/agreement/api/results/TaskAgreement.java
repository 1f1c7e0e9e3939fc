package io.agreement.api.results;

import java.util.Map;

/** One scored task in GET agreement/tasks/: overall score and per-tag scores in config order. */
record TaskAgreement(
    long taskId, Double agreement, int annotations, Map<String, Double> controlTags) {}
