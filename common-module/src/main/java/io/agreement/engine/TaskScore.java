package io.agreement.engine;

/**
 * One task's agreement.
 *
 * @param taskId the task
 * @param annotations how many counted annotations were compared
 * @param tagScores the task score of each tag, aligned with {@link ProjectScorer#tags()}
 * @param overall the weighted mean of the tag scores; null when every weight is 0
 * @param matrix the overall pair scores; null when every weight is 0
 */
public record TaskScore(
    long taskId, int annotations, double[] tagScores, Double overall, PairMatrix matrix) {}
