package io.agreement.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One annotator's running pair sums, overall and per tag. */
final class AnnotatorTotals {

  private final long userId;
  private final double[] tagSums;
  private final long[] tagPairs;
  private double scoreSum;
  private long pairs;

  AnnotatorTotals(long userId, int tags) {
    this.userId = userId;
    this.tagSums = new double[tags];
    this.tagPairs = new long[tags];
  }

  void addTag(int tag, double score) {
    tagSums[tag] += score;
    tagPairs[tag]++;
  }

  void addOverall(double score) {
    scoreSum += score;
    pairs++;
  }

  AnnotatorSummary summary(List<ScoredTag> tags) {
    Map<String, PairSum> perTag = new LinkedHashMap<>();
    for (int t = 0; t < tags.size(); t++) {
      perTag.put(tags.get(t).tag().name(), new PairSum(tagSums[t], tagPairs[t]));
    }
    return new AnnotatorSummary(userId, scoreSum, pairs, perTag);
  }
}
