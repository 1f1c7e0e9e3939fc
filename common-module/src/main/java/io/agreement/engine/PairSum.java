package io.agreement.engine;

/** A sum of pair scores and how many pairs it adds up. */
public record PairSum(double scoreSum, long pairs) {

  /** Null when there is no pair. */
  public Double mean() {
    return pairs == 0 ? null : scoreSum / pairs;
  }
}
