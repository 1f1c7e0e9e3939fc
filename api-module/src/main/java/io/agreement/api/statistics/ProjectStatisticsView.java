package io.agreement.api.statistics;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The statistics answer: per control tag, what the last backfill computed; no tags and no {@code
 * computed_at} before the first one.
 */
record ProjectStatisticsView(long projectId, Instant computedAt, List<JsonNode> controlTags) {}
