package io.agreement.engine;

import java.util.Arrays;
import java.util.List;

/** Scores one task: pair scores per tag, then the methodology's reduction (SPEC 4.3). */
final class TaskScorer {

  static final double TOLERANCE = 1e-9;

  private final Methodology methodology;
  private final TagComparison[] comparisons;
  private final double[] thresholds;
  private final double[] weights;
  private final double totalWeight;

  /** A task's score with the pair scores it came from, which the project totals also need. */
  record Scored(TaskScore score, double[][] tagPairs, double[] overallPairs) {}

  TaskScorer(Methodology methodology, List<ScoredTag> tags, TagComparison[] comparisons) {
    this.methodology = methodology;
    this.comparisons = comparisons;
    this.thresholds = tags.stream().mapToDouble(tag -> tag.settings().threshold()).toArray();
    this.weights = tags.stream().mapToDouble(tag -> tag.settings().weight()).toArray();
    this.totalWeight = Arrays.stream(weights).sum();
  }

  /** The annotations must be in ascending annotation id and at least two. */
  Scored score(long taskId, ParsedAnnotation[] annotations) {
    int n = annotations.length;
    double[][] tagPairs = new double[comparisons.length][];
    double[] tagScores = new double[comparisons.length];
    for (int t = 0; t < comparisons.length; t++) {
      tagPairs[t] = pairScores(t, annotations);
      tagScores[t] = reduce(n, tagPairs[t], thresholds[t]);
    }
    double[] overallPairs = weightedPairs(tagPairs, n * (n - 1) / 2);
    Double overall = hasWeight() ? weightedMean(tagScores) : null;
    TaskScore score =
        new TaskScore(taskId, n, tagScores, overall, matrix(annotations, overallPairs));
    return new Scored(score, tagPairs, overallPairs);
  }

  boolean hasWeight() {
    return totalWeight > 0;
  }

  /** Pairs (i, j), i < j, in row order. */
  private double[] pairScores(int tag, ParsedAnnotation[] annotations) {
    int n = annotations.length;
    double[] scores = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        scores[k++] =
            comparisons[tag].pairScore(annotations[i].value(tag), annotations[j].value(tag));
      }
    }
    return scores;
  }

  private double reduce(int n, double[] pairs, double threshold) {
    return methodology == Methodology.PAIRWISE ? mean(pairs) : consensus(n, pairs, threshold);
  }

  private static double mean(double[] pairs) {
    double sum = 0;
    for (double pair : pairs) {
      sum += pair;
    }
    return sum / pairs.length;
  }

  /**
   * The largest share of participants agreeing with one participant, itself included; 0 when nobody
   * agrees with anybody.
   */
  static double consensus(int n, double[] pairs, double threshold) {
    int[] agreeing = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (pairs[k++] >= threshold - TOLERANCE) {
          agreeing[i]++;
          agreeing[j]++;
        }
      }
    }
    int most = 0;
    for (int count : agreeing) {
      most = Math.max(most, count);
    }
    return most == 0 ? 0 : (most + 1.0) / n;
  }

  private double[] weightedPairs(double[][] tagPairs, int pairs) {
    if (!hasWeight()) {
      return null;
    }
    double[] overall = new double[pairs];
    double[] column = new double[tagPairs.length];
    for (int k = 0; k < pairs; k++) {
      for (int t = 0; t < tagPairs.length; t++) {
        column[t] = tagPairs[t][k];
      }
      overall[k] = weightedMean(column);
    }
    return overall;
  }

  /** Weight 0 leaves a tag out even where its score is not a number. */
  private double weightedMean(double[] scores) {
    double sum = 0;
    for (int t = 0; t < scores.length; t++) {
      sum += weights[t] == 0 ? 0 : weights[t] * scores[t];
    }
    return sum / totalWeight;
  }

  private static PairMatrix matrix(ParsedAnnotation[] annotations, double[] overallPairs) {
    if (overallPairs == null) {
      return null;
    }
    int n = annotations.length;
    long[] annotationIds = new long[n];
    long[] userIds = new long[n];
    double[][] scores = new double[n][n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      annotationIds[i] = annotations[i].annotationId();
      userIds[i] = annotations[i].userId();
      scores[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        scores[i][j] = overallPairs[k];
        scores[j][i] = overallPairs[k++];
      }
    }
    return new PairMatrix(annotationIds, userIds, scores);
  }
}
