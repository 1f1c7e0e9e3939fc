package io.agreement.engine;

/**
 * A scored task with what SPEC 8's read API is computed from: every pair of its annotations (i < j
 * in ascending annotation id, pair k in row order) with its overall and per-tag scores, the
 * per-label pair scores, and each annotation's values of the tags a confusion matrix is drawn for.
 *
 * @param score the task's scores
 * @param annotationIds ascending
 * @param userIds the author of each annotation
 * @param overall pair k's weighted score; null when every weight is 0
 * @param tagPairs {@code tagPairs[t][k]}: pair k's score for tag t, in config order
 * @param labelPair for each per-label score, its pair k; a pair and label appear once per tag
 * @param labelName the label of each per-label score
 * @param labelScore the tag's metric on the pair restricted to the label
 * @param values {@code values[t][i]}: annotation i's values for tag t (choices, taxonomy paths,
 *     ratings); null for a tag without a confusion matrix
 */
public record TaskPairs(
    TaskScore score,
    long[] annotationIds,
    long[] userIds,
    double[] overall,
    double[][] tagPairs,
    int[] labelPair,
    String[] labelName,
    double[] labelScore,
    String[][][] values) {

  public int pairCount() {
    int n = annotationIds.length;
    return n * (n - 1) / 2;
  }
}
