package io.agreement.engine;

/**
 * The overall pair scores of a task's annotations (weighted mean of the pair's tag scores over the
 * tags with a weight above 0).
 *
 * @param annotationIds ascending
 * @param userIds the author of each annotation
 * @param scores {@code scores[i][j]} for annotations i and j; symmetric, 1 on the diagonal
 */
public record PairMatrix(long[] annotationIds, long[] userIds, double[][] scores) {}
