package io.agreement.api.results;

import io.agreement.api.results.TaskResultsRepository.TaskRow;
import io.agreement.api.results.TaskResultsRepository.TaskRowWithPairs;
import io.agreement.api.settings.ScopedProject;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.agreement.api.web.TaskLinks;
import io.agreement.engine.ControlTag;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.LabelConfig;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/** Per-task results, each answer read from one snapshot. */
final class TaskReader {

  record TaskPage(long count, List<TaskAgreement> results) {}

  private final TaskResultsRepository repo;
  private final TransactionTemplate snapshot;
  private final TaskLinks links;

  TaskReader(TaskResultsRepository repo, TransactionTemplate snapshot, TaskLinks links) {
    this.repo = repo;
    this.snapshot = snapshot;
    this.links = links;
  }

  TaskPage page(ScopedProject project, TaskFilter filter) {
    return snapshot.execute(
        status -> {
          requireKnownTag(project, filter.controlTag());
          long count = repo.count(project.id(), filter);
          filter.paging().requireWithin(count, "scored task(s) match");
          return new TaskPage(count, withTagScores(project, repo.page(project.id(), filter)));
        });
  }

  TaskDetail task(ScopedProject project, long taskId) {
    return snapshot.execute(
        status -> {
          TaskRowWithPairs row =
              repo.task(project.id(), taskId).orElseThrow(() -> notScored(project, taskId));
          TaskRow task = row.task();
          return new TaskDetail(
              task.taskId(),
              task.agreement(),
              task.annotations(),
              repo.tagScores(project.id(), List.of(taskId)).get(taskId),
              matrix(row),
              row.computedAt(),
              links.taskUrl(project.id(), task.taskId()));
        });
  }

  private List<TaskAgreement> withTagScores(ScopedProject project, List<TaskRow> rows) {
    Map<Long, Map<String, Double>> tags =
        repo.tagScores(project.id(), rows.stream().map(TaskRow::taskId).toList());
    return rows.stream()
        .map(
            row ->
                new TaskAgreement(
                    row.taskId(),
                    row.agreement(),
                    row.annotations(),
                    tags.get(row.taskId()),
                    links.taskUrl(project.id(), row.taskId())))
        .toList();
  }

  /**
   * Every task the filter matches, as CSV rows, streamed from one snapshot; the output is opened
   * only once the filter is known good, so that a 400 is still a JSON answer.
   */
  void csv(ScopedProject project, TaskFilter filter, Supplier<Writer> output) {
    snapshot.executeWithoutResult(
        status -> {
          requireKnownTag(project, filter.controlTag());
          TaskCsv csv = new TaskCsv(output.get(), repo.resultTags(project.id()));
          repo.forEachTask(
              project.id(),
              filter,
              (taskId, agreement, annotations, tagScores) ->
                  csv.row(
                      taskId,
                      agreement,
                      tagScores,
                      annotations,
                      links.taskUrl(project.id(), taskId)));
          csv.flush();
        });
  }

  /** One answer for every reason, so a task id of another organization reveals nothing. */
  private static ApiException notScored(ScopedProject project, long taskId) {
    return ApiException.notFound(
        "Task "
            + taskId
            + " has no agreement score in project "
            + project.id()
            + ": it is not a task of the project, has fewer than two counted annotations, or has not been "
            + "backfilled yet");
  }

  /**
   * The task's overall pair scores as a matrix, 1 on the diagonal; null when every tag weighs 0 (no
   * overall score) or the task has no pair row. Pairs (0, 1) ... (0, n - 1) come first, so they
   * name the annotations in order.
   */
  static TaskDetail.Matrix matrix(TaskRowWithPairs row) {
    if (row.task().agreement() == null || row.userIds() == null || row.userIds().length < 2) {
      return null;
    }
    int n = row.userIds().length;
    List<Long> annotationIds = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      annotationIds.add(i == 0 ? row.pairAnnA()[0] : row.pairAnnB()[i - 1]);
    }
    List<List<Double>> scores = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      scores.add(new ArrayList<>(Collections.nCopies(n, (Double) null)));
      scores.get(i).set(i, 1.0);
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, k++) {
        Double score = Scores.finite(row.pairScore()[k]);
        scores.get(i).set(j, score);
        scores.get(j).set(i, score);
      }
    }
    List<Long> userIds = Arrays.stream(row.userIds()).boxed().toList();
    return new TaskDetail.Matrix(annotationIds, userIds, scores);
  }

  /** Tags of the stored results and of the current config both make sense to filter on. */
  private void requireKnownTag(ScopedProject project, String tag) {
    if (tag == null) {
      return;
    }
    Set<String> known = new TreeSet<>(repo.resultTags(project.id()));
    known.addAll(configTags(project));
    if (!known.contains(tag)) {
      throw ApiException.badRequest(
          "control_tag '"
              + QueryParams.abbreviate(tag)
              + "' is not a control tag of project "
              + project.id()
              + "; known: "
              + QueryParams.someNames(known));
    }
  }

  private static List<String> configTags(ScopedProject project) {
    try {
      return LabelConfig.parse(project.labelConfig()).controlTags().stream()
          .map(ControlTag::name)
          .toList();
    } catch (InvalidLabelConfigException e) {
      return List.of();
    }
  }
}
