package io.agreement.api.lse;

import io.agreement.api.lse.PairRepository.PairSum;
import io.agreement.common.labelstudio.LabelStudioUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionTemplate;

/** The answers of LSE's stats/... calls, each read from one snapshot of the stored sums. */
final class StatsReader {

  private final PairRepository pairs;
  private final LabelStudioUsers users;
  private final TransactionTemplate snapshot;

  StatsReader(PairRepository pairs, LabelStudioUsers users, TransactionTemplate snapshot) {
    this.pairs = pairs;
    this.users = users;
    this.snapshot = snapshot;
  }

  /** stats/IAA; tasks null for every task. */
  Map<String, Object> iaa(long projectId, List<Long> tasks, boolean perLabel, boolean std) {
    return snapshot.execute(
        status -> {
          List<PairSum> overall = pairs.sums(projectId, tasks, false);
          List<Long> ids =
              overall.stream()
                  .filter(s -> s.userA() == s.userB())
                  .map(PairSum::userA)
                  .sorted()
                  .toList();
          Map<String, Object> answer = new LinkedHashMap<>();
          if (perLabel) {
            perLabel(answer, ids, pairs.sums(projectId, tasks, true), std);
          } else {
            IaaMatrix matrix = new IaaMatrix(ids, overall);
            answer.put("IAA", matrix.cells);
            answer.put("common_tasks", matrix.commonTasks);
            if (std) {
              answer.put("std", matrix.std());
            }
          }
          answer.put("users", userList(ids));
          return answer;
        });
  }

  private static void perLabel(
      Map<String, Object> answer, List<Long> ids, List<PairSum> sums, boolean std) {
    Map<String, List<PairSum>> byLabel = new TreeMap<>();
    sums.forEach(s -> byLabel.computeIfAbsent(s.label(), l -> new ArrayList<>()).add(s));
    Map<String, Object> cells = new LinkedHashMap<>();
    Map<String, Object> tasks = new LinkedHashMap<>();
    Map<String, Double> stds = new LinkedHashMap<>();
    byLabel.forEach(
        (label, labelSums) -> {
          IaaMatrix matrix = new IaaMatrix(ids, labelSums);
          cells.put(label, matrix.cells);
          tasks.put(label, matrix.commonTasks);
          stds.put(label, matrix.std());
        });
    answer.put("IAA", cells);
    answer.put("common_tasks", tasks);
    if (std) {
      answer.put("std", stds);
    }
  }

  /** Each annotator's agreement by user id; ids null for every annotator with a score. */
  Map<String, Double> annotators(long projectId, List<Long> ids) {
    return snapshot.execute(
        status -> byUser(pairs.annotators(projectId), ids, s -> IaaMatrix.mean(s)));
  }

  /** total_agreement; empty before the first backfill. */
  Optional<Object> total(long projectId, boolean perLabel) {
    return snapshot.execute(
        status ->
            pairs
                .total(projectId)
                .map(
                    total ->
                        perLabel
                            ? labelTotals(pairs.sums(projectId, null, true))
                            : total.agreement()));
  }

  /** Pooled per label over every pair of different users. */
  private static Map<String, Double> labelTotals(List<PairSum> sums) {
    Map<String, double[]> totals = new TreeMap<>();
    sums.stream()
        .filter(s -> s.userA() != s.userB())
        .forEach(
            s -> {
              double[] t = totals.computeIfAbsent(s.label(), l -> new double[2]);
              t[0] += s.scoreSum();
              t[1] += s.pairs();
            });
    Map<String, Double> answer = new LinkedHashMap<>();
    totals.forEach((label, t) -> answer.put(label, t[1] == 0 ? null : t[0] / t[1]));
    return answer;
  }

  /** Ground-truth agreement by user id: a number, or by label. */
  Map<String, Object> groundTruth(long projectId, List<Long> ids, boolean perLabel) {
    return snapshot.execute(
        status -> {
          List<PairSum> sums = pairs.groundTruth(projectId, perLabel);
          if (!perLabel) {
            return new LinkedHashMap<String, Object>(byUser(sums, ids, IaaMatrix::mean));
          }
          Map<Long, Map<String, Double>> byUser = new TreeMap<>();
          sums.forEach(
              s ->
                  byUser
                      .computeIfAbsent(s.userA(), u -> new LinkedHashMap<>())
                      .put(s.label(), IaaMatrix.mean(s)));
          Map<String, Object> answer = new LinkedHashMap<>();
          for (long id : ids == null ? byUser.keySet() : ids) {
            answer.put(Long.toString(id), byUser.get(id));
          }
          return answer;
        });
  }

  private static Map<String, Double> byUser(
      List<PairSum> sums, List<Long> ids, Function<PairSum, Double> value) {
    Map<Long, Double> found = new TreeMap<>();
    sums.forEach(s -> found.put(s.userA(), value.apply(s)));
    Map<String, Double> answer = new LinkedHashMap<>();
    for (long id : ids == null ? new TreeSet<>(found.keySet()) : ids) {
      answer.put(Long.toString(id), found.get(id));
    }
    return answer;
  }

  private List<Map<String, Object>> userList(List<Long> ids) {
    return users.inOrder(ids).stream().map(StatsReader::user).toList();
  }

  static Map<String, Object> user(LabelStudioUsers.User u) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", u.id());
    user.put("email", u.email());
    user.put("first_name", u.firstName());
    user.put("last_name", u.lastName());
    return user;
  }
}
