package io.agreement.api.statistics;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The statistics answer: per control tag, what the last backfill computed; no tags and no {@code
 * computed_at} before the first one.
 */
record ProjectStatisticsView(
    long projectId, @Nullable Instant computedAt, List<JsonNode> controlTags) {}
