package io.agreement.api.results;

import io.agreement.api.results.ProjectAgreement.AnnotatorAgreement;
import io.agreement.api.results.ProjectAgreement.TagAgreement;
import io.agreement.api.results.SummaryRepository.AnnotatorTagRow;
import io.agreement.api.results.SummaryRepository.Run;
import io.agreement.api.settings.DimensionsView;
import io.agreement.api.settings.EffectiveSettings;
import io.agreement.api.settings.ScopedProject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds a project's summary from one snapshot, so it never mixes two backfills of it. */
final class SummaryReader {

  private final SummaryRepository repo;
  private final EffectiveSettings settings;
  private final TransactionTemplate snapshot;

  SummaryReader(SummaryRepository repo, EffectiveSettings settings, TransactionTemplate snapshot) {
    this.repo = repo;
    this.settings = settings;
    this.snapshot = snapshot;
  }

  ProjectAgreement summary(ScopedProject project) {
    return snapshot.execute(
        status ->
            repo.run(project.id())
                .map(run -> computed(project.id(), run))
                .orElseGet(() -> neverComputed(project)));
  }

  private ProjectAgreement computed(long projectId, Run run) {
    return new ProjectAgreement(
        projectId,
        run.methodology(),
        run.computedAt(),
        run.stale(),
        run.agreement(),
        run.tasksScored(),
        run.jobId(),
        run.jobId() != null,
        run.refreshedAt(),
        repo.pendingChanges(projectId),
        repo.tags(projectId, run.methodology()),
        annotators(projectId),
        repo.statistics(projectId));
  }

  private List<AnnotatorAgreement> annotators(long projectId) {
    Map<Long, Map<String, Double>> perTag = new HashMap<>();
    for (AnnotatorTagRow row : repo.annotatorTags(projectId)) {
      perTag
          .computeIfAbsent(row.userId(), id -> new LinkedHashMap<>())
          .put(row.controlTag(), Scores.mean(row.scoreSum(), row.pairs()));
    }
    return repo.annotators(projectId).stream()
        .map(
            a ->
                new AnnotatorAgreement(
                    a.userId(),
                    a.email(),
                    Scores.mean(a.scoreSum(), a.pairs()),
                    a.pairs(),
                    perTag.getOrDefault(a.userId(), Map.of())))
        .toList();
  }

  /**
   * What the first backfill or refresh will score: the current tags and settings, nothing measured
   * yet.
   */
  private ProjectAgreement neverComputed(ScopedProject project) {
    DimensionsView view = settings.view(project);
    List<TagAgreement> tags =
        view.dimensions().stream()
            .map(
                d ->
                    new TagAgreement(
                        d.name(),
                        d.type(),
                        d.metric(),
                        view.methodology(),
                        d.threshold(),
                        d.weight(),
                        null,
                        null,
                        null,
                        null))
            .toList();
    return new ProjectAgreement(
        project.id(),
        view.methodology(),
        null,
        false,
        null,
        null,
        null,
        false,
        null,
        repo.pendingChanges(project.id()),
        tags,
        List.of(),
        Map.of());
  }
}
