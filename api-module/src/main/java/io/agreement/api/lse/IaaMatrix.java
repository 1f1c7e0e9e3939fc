package io.agreement.api.lse;

import io.agreement.api.lse.PairRepository.PairSum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAA matrix over users in a fixed order (SPEC 8): a cell is the mean pair score of the two
 * users, null without a scored pair; the diagonal is 1; common_tasks counts shared tasks.
 */
final class IaaMatrix {

  final List<List<Double>> cells = new ArrayList<>();
  final List<List<Long>> commonTasks = new ArrayList<>();
  private final List<Double> upperCells = new ArrayList<>();

  IaaMatrix(List<Long> users, List<PairSum> sums) {
    Map<List<Long>, PairSum> byPair = new HashMap<>();
    sums.forEach(s -> byPair.put(List.of(s.userA(), s.userB()), s));
    for (int i = 0; i < users.size(); i++) {
      List<Double> row = new ArrayList<>();
      List<Long> tasks = new ArrayList<>();
      for (int j = 0; j < users.size(); j++) {
        long a = Math.min(users.get(i), users.get(j));
        long b = Math.max(users.get(i), users.get(j));
        PairSum sum = byPair.get(List.of(a, b));
        Double cell = i == j ? Double.valueOf(1) : mean(sum);
        row.add(cell);
        tasks.add(sum == null ? 0 : sum.tasks());
        if (j > i && cell != null && sum.tasks() > 0) {
          upperCells.add(cell);
        }
      }
      cells.add(row);
      commonTasks.add(tasks);
    }
  }

  /** Population standard deviation of the cells above the diagonal that have a value. */
  Double std() {
    if (upperCells.isEmpty()) {
      return null;
    }
    double mean = upperCells.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        upperCells.stream().mapToDouble(c -> (c - mean) * (c - mean)).average().orElseThrow();
    return Math.sqrt(variance);
  }

  static Double mean(PairSum sum) {
    if (sum == null || sum.pairs() == 0) {
      return null;
    }
    double mean = sum.scoreSum() / sum.pairs();
    return Double.isFinite(mean) ? mean : null;
  }
}
