package io.agreement.api.lse;

import io.agreement.api.lse.DataQualityRepository.Distribution;
import io.agreement.api.lse.DataQualityRepository.TagMean;
import io.agreement.api.settings.ScopedProject;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import io.agreement.engine.ControlTag;
import io.agreement.engine.DeclaredValues;
import io.agreement.engine.InvalidLabelConfigException;
import io.agreement.engine.LabelConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/** LSE's data-quality agreement analysis, read from stored sums (SPEC 8). */
final class DataQualityReader {

  private static final Set<String> CONFUSABLE = Set.of("Choices", "Taxonomy", "Rating");
  private static final int BUCKETS = 10;

  private final DataQualityRepository repo;
  private final TransactionTemplate snapshot;

  DataQualityReader(DataQualityRepository repo, TransactionTemplate snapshot) {
    this.repo = repo;
    this.snapshot = snapshot;
  }

  /** Active tags with their mean task score; before any results, the config's with none. */
  List<Map<String, Object>> dimensions(ScopedProject project, List<String> activeConfigTags) {
    return snapshot.execute(
        status -> {
          List<TagMean> tags =
              repo.scored(project.id())
                  ? repo.activeTags(project.id())
                  : activeConfigTags.stream().map(t -> new TagMean(t, null)).toList();
          List<Map<String, Object>> answer = new ArrayList<>();
          for (TagMean tag : tags) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", tag.controlTag());
            d.put("from_name", tag.controlTag());
            d.put("control_tag", tag.controlTag());
            d.put("agreement", tag.agreement());
            answer.add(d);
          }
          return answer;
        });
  }

  Map<String, Object> confusion(ScopedProject project, String fromName, String mode) {
    String chosenMode = mode(mode);
    LabelConfig config = config(project);
    ControlTag tag = tag(project, config, fromName);
    List<String> declared = DeclaredValues.of(project.labelConfig(), tag);
    return snapshot.execute(
        status ->
            ConfusionMatrix.of(
                tag.name(),
                declared,
                repo.confusion(project.id(), tag.name(), chosenMode),
                chosenMode.equals("all")));
  }

  Map<String, Object> distribution(long projectId) {
    Distribution d =
        snapshot.execute(
            status ->
                repo.distribution(projectId)
                    .orElse(new Distribution(Collections.nCopies(BUCKETS, 0L), 0, 0, 0)));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("average_agreement", d.totalTasks() == 0 ? null : d.scoreSum() / d.totalTasks());
    answer.put("histogram", d.histogram());
    answer.put("low_agreement_count", d.low());
    answer.put("total_tasks", d.totalTasks());
    return answer;
  }

  private static String mode(String mode) {
    if (mode == null || mode.equals("all") || mode.equals("ground_truth")) {
      return mode == null ? "all" : mode;
    }
    if (mode.equals("accepted")) {
      throw ApiException.badRequest(
          "mode 'accepted' needs review data, which this service does not read; use 'all' or"
              + " 'ground_truth'");
    }
    throw ApiException.badRequest(
        "mode must be 'all' or 'ground_truth', got '" + QueryParams.abbreviate(mode) + "'");
  }

  /** The named tag, or the config's first tag a confusion matrix is drawn for. */
  private static ControlTag tag(ScopedProject project, LabelConfig config, String fromName) {
    if (fromName == null) {
      return config.controlTags().stream()
          .filter(t -> CONFUSABLE.contains(t.type()))
          .findFirst()
          .orElseThrow(
              () ->
                  ApiException.badRequest(
                      "Project "
                          + project.id()
                          + " has no Choices, Taxonomy or Rating tag to draw a confusion matrix"
                          + " for"));
    }
    ControlTag tag =
        config
            .controlTag(fromName)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "from_name '"
                            + QueryParams.abbreviate(fromName)
                            + "' is not a control tag of project "
                            + project.id()));
    if (!CONFUSABLE.contains(tag.type())) {
      throw ApiException.badRequest(
          "A confusion matrix is drawn for Choices, Taxonomy and Rating tags; '"
              + QueryParams.abbreviate(fromName)
              + "' is a "
              + tag.type());
    }
    return tag;
  }

  private static LabelConfig config(ScopedProject project) {
    try {
      return LabelConfig.parse(project.labelConfig());
    } catch (InvalidLabelConfigException e) {
      throw ApiException.badRequest(
          "Project " + project.id() + " has a label config that cannot be read: " + e.getMessage());
    }
  }
}
