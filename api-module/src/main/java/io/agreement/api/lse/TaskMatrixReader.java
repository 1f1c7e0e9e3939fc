package io.agreement.api.lse;

import io.agreement.api.lse.TaskPairsRepository.TaskPairRow;
import io.agreement.api.web.ApiException;
import io.agreement.common.labelstudio.LabelStudioUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A task's agreement matrix between the participants a selection picks (SPEC 8): each of the task's
 * counted annotations by a selected annotator, in ascending annotation id, then the ground truth as
 * its own participant.
 */
final class TaskMatrixReader {

  /** An annotation of the task, by its index in ascending annotation id. */
  private record Participant(int annotation, String type) {}

  private final TaskPairsRepository repo;
  private final LabelStudioUsers users;
  private final TransactionTemplate snapshot;

  TaskMatrixReader(TaskPairsRepository repo, LabelStudioUsers users, TransactionTemplate snapshot) {
    this.repo = repo;
    this.users = users;
    this.snapshot = snapshot;
  }

  /**
   * @param tag the dimension's control tag; null for the pair overall score
   */
  Map<String, Object> matrix(long projectId, long taskId, Selection selection, String tag) {
    return snapshot.execute(
        status -> {
          TaskPairRow row =
              repo.task(projectId, taskId).orElseThrow(() -> notScored(projectId, taskId));
          Integer position = tag == null ? null : position(projectId, tag);
          long[] annotations = annotations(row);
          List<Participant> chosen = participants(row, annotations, selection);
          return answer(row, annotations, chosen, position);
        });
  }

  private Integer position(long projectId, String tag) {
    return repo.tagPosition(projectId, tag)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Dimension '"
                        + tag
                        + "' has no stored results in project "
                        + projectId
                        + "; backfill the project first"));
  }

  /** The task's annotation ids, ascending, from its pairs (i < j). */
  private static long[] annotations(TaskPairRow row) {
    TreeSet<Long> ids = new TreeSet<>();
    for (int k = 0; k < row.pairAnnA().length; k++) {
      ids.add(row.pairAnnA()[k]);
      ids.add(row.pairAnnB()[k]);
    }
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  private static List<Participant> participants(
      TaskPairRow row, long[] annotations, Selection selection) {
    List<Participant> chosen = new ArrayList<>();
    for (int i = 0; i < annotations.length; i++) {
      boolean picked =
          selection.annotators()
              && (selection.annotatorIds() == null
                  || selection.annotatorIds().contains(row.userIds()[i]));
      if (picked) {
        chosen.add(new Participant(i, "annotator"));
      }
    }
    if (selection.groundTruth() && row.groundTruth() != null) {
      for (int i = 0; i < annotations.length; i++) {
        if (annotations[i] == row.groundTruth()) {
          chosen.add(new Participant(i, "ground_truth"));
        }
      }
    }
    return chosen;
  }

  private Map<String, Object> answer(
      TaskPairRow row, long[] annotations, List<Participant> chosen, Integer position) {
    int n = annotations.length;
    List<List<Double>> matrix = new ArrayList<>();
    for (Participant p : chosen) {
      List<Double> cells = new ArrayList<>();
      for (Participant q : chosen) {
        cells.add(p.annotation() == q.annotation() ? 1.0 : score(row, n, p, q, position));
      }
      matrix.add(cells);
    }
    List<Long> userIds = chosen.stream().map(p -> row.userIds()[p.annotation()]).toList();
    List<LabelStudioUsers.User> found = users.inOrder(userIds);
    List<Map<String, Object>> listed = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      Map<String, Object> user = StatsReader.user(found.get(i));
      user.put("annotation_id", annotations[chosen.get(i).annotation()]);
      user.put("type", chosen.get(i).type());
      listed.add(user);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("matrix", matrix);
    answer.put("users", listed);
    return answer;
  }

  private static Double score(TaskPairRow row, int n, Participant p, Participant q, Integer tag) {
    int i = Math.min(p.annotation(), q.annotation());
    int j = Math.max(p.annotation(), q.annotation());
    int k = i * n - i * (i + 1) / 2 + (j - i - 1);
    Double score = tag == null ? row.pairScore()[k] : row.tagScores()[k * row.tagCount() + tag];
    return score == null || !Double.isFinite(score) ? null : score;
  }

  private static ApiException notScored(long projectId, long taskId) {
    return ApiException.notFound(
        "Task "
            + taskId
            + " has no agreement matrix in project "
            + projectId
            + ": it is not a task of the project, has fewer than two counted annotations, or has"
            + " not been backfilled yet");
  }
}
