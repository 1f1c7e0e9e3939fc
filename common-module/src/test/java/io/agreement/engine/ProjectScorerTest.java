package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.rating;
import static io.agreement.engine.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProjectScorerTest {

  private static final String TWO_TAGS =
      Scoring.view(
          "<Choices name=\"sentiment\" toName=\"obj\"/>",
          "<Rating name=\"stars\" toName=\"obj\"/>");

  private static String answer(String choice, double stars) {
    return result(choices("sentiment", choice), rating("stars", stars));
  }

  private static ControlTag tag(String name) {
    return LabelConfig.parse(TWO_TAGS).controlTag(name).orElseThrow();
  }

  private static TagSettings weight(String name, double weight) {
    return TagSettings.defaultsFor(tag(name))
        .withOverrides(tag(name), null, null, weight, null, null);
  }

  @Nested
  class Consensus {

    private final String config = Scoring.view("<Choices name=\"c\" toName=\"obj\"/>");

    private double score(String... answers) {
      String[] results = new String[answers.length];
      for (int i = 0; i < answers.length; i++) {
        results[i] = result(choices("c", answers[i]));
      }
      return new Scoring(config, Methodology.CONSENSUS).tagScore(0, results);
    }

    @Test
    void is_the_largest_share_agreeing_with_one_participant() {
      assertThat(score("A", "A", "C")).isCloseTo(2.0 / 3, within(1e-12));
      assertThat(score("A", "A", "B", "B", "B")).isCloseTo(3.0 / 5, within(1e-12));
    }

    @Test
    void is_zero_when_nobody_agrees_with_anybody() {
      assertThat(score("A", "B", "C")).isZero();
      assertThat(score("A", "B")).isZero();
    }

    @Test
    void is_one_for_two_that_agree() {
      assertThat(score("A", "A")).isEqualTo(1);
    }

    @Test
    void counts_a_pair_just_below_the_threshold_by_rounding_as_agreeing() {
      assertThat(TaskScorer.consensus(2, new double[] {0.5 - 1e-12}, 0.5)).isEqualTo(1);
      assertThat(TaskScorer.consensus(2, new double[] {0.5 - 1e-6}, 0.5)).isZero();
    }
  }

  @Nested
  class OverallScore {

    @Test
    void is_the_weighted_mean_of_the_tag_scores() {
      Map<String, TagSettings> settings = Map.of("sentiment", weight("sentiment", 3));
      TaskScore task =
          new Scoring(TWO_TAGS, Methodology.PAIRWISE, settings)
              .task(answer("A", 3), answer("A", 5));

      assertThat(task.tagScores()).containsExactly(1, 1.0 / 3);
      assertThat(task.overall()).isCloseTo((3 * 1 + 1.0 / 3) / 4, within(1e-12));
      assertThat(task.matrix().scores()[0][1]).isCloseTo(task.overall(), within(1e-12));
    }

    @Test
    void leaves_out_a_tag_of_weight_zero_but_still_scores_it() {
      Map<String, TagSettings> settings = Map.of("stars", weight("stars", 0));
      TaskScore task =
          new Scoring(TWO_TAGS, Methodology.PAIRWISE, settings)
              .task(answer("A", 3), answer("A", 5));

      assertThat(task.tagScores()[1]).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(task.overall()).isEqualTo(1);
    }

    @Test
    void is_null_with_no_matrix_when_every_weight_is_zero() {
      Map<String, TagSettings> settings =
          Map.of("stars", weight("stars", 0), "sentiment", weight("sentiment", 0));
      Scoring scoring = new Scoring(TWO_TAGS, Methodology.PAIRWISE, settings);
      TaskScore task = scoring.task(answer("A", 3), answer("A", 5));

      assertThat(task.overall()).isNull();
      assertThat(task.matrix()).isNull();
      ProjectSummary summary = scoring.scorer().summary();
      assertThat(summary.agreement()).isNull();
      assertThat(summary.tags().get(1).agreement()).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(summary.annotators().get(0).agreement()).isNull();
      assertThat(summary.annotators().get(0).perTag().get("sentiment").mean()).isEqualTo(1);
    }
  }

  @Nested
  class Tasks {

    private final ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(TWO_TAGS), Methodology.PAIRWISE, Map.of());

    @Test
    void with_fewer_than_two_annotations_get_no_score_and_are_in_no_mean() {
      assertThat(scorer.score(1, List.of(scorer.parse(1, 1, answer("A", 1))))).isEmpty();
      assertThat(scorer.score(2, List.of())).isEmpty();
      assertThat(scorer.summary().tasksScored()).isZero();
      assertThat(scorer.summary().agreement()).isNull();
      assertThat(scorer.summary().tags().get(0).agreement()).isNull();
    }

    @Test
    void list_annotations_by_ascending_id_in_the_matrix() {
      TaskScore task =
          scorer
              .score(
                  7,
                  List.of(
                      scorer.parse(30, 3, answer("B", 1)),
                      scorer.parse(10, 1, answer("A", 1)),
                      scorer.parse(20, 2, answer("A", 1))))
              .orElseThrow();

      PairMatrix matrix = task.matrix();
      assertThat(matrix.annotationIds()).containsExactly(10, 20, 30);
      assertThat(matrix.userIds()).containsExactly(1, 2, 3);
      assertThat(matrix.scores()[0]).containsExactly(1, 1, 0.5);
      assertThat(matrix.scores()[2]).containsExactly(0.5, 0.5, 1);
      assertThat(task.annotations()).isEqualTo(3);
      assertThat(task.taskId()).isEqualTo(7);
    }

    @Test
    void add_up_into_the_project_summary() {
      score(1, answer("A", 1), answer("A", 1));
      score(2, answer("A", 1), answer("B", 1));

      ProjectSummary summary = scorer.summary();
      assertThat(summary.tasksScored()).isEqualTo(2);
      assertThat(summary.agreement()).isCloseTo((1 + 0.5) / 2, within(1e-12));
      assertThat(summary.tags())
          .extracting(TagSummary::name, TagSummary::agreement, TagSummary::tasksScored)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("sentiment", 0.5, 2),
              org.assertj.core.groups.Tuple.tuple("stars", 1.0, 2));
    }

    private void score(long taskId, String first, String second) {
      scorer.score(
          taskId,
          List.of(scorer.parse(taskId * 10, 1, first), scorer.parse(taskId * 10 + 1, 2, second)));
    }
  }

  @Nested
  class Annotators {

    private final ProjectScorer scorer =
        new ProjectScorer(LabelConfig.parse(TWO_TAGS), Methodology.CONSENSUS, Map.of());

    @Test
    void are_scored_pairwise_whatever_the_methodology() {
      scorer.score(
          1,
          List.of(
              scorer.parse(1, 1, answer("A", 1)),
              scorer.parse(2, 2, answer("A", 1)),
              scorer.parse(3, 3, answer("B", 1))));

      List<AnnotatorSummary> annotators = scorer.summary().annotators();
      assertThat(annotators).extracting(AnnotatorSummary::userId).containsExactly(1L, 2L, 3L);
      assertThat(annotators.get(0).agreement()).isCloseTo((1 + 0.5) / 2, within(1e-12));
      assertThat(annotators.get(2).agreement()).isEqualTo(0.5);
      assertThat(annotators.get(2).perTag())
          .containsExactly(
              Map.entry("sentiment", new PairSum(0, 2)), Map.entry("stars", new PairSum(2, 2)));
    }

    @Test
    void leave_out_pairs_of_the_same_user_which_still_count_for_the_task() {
      TaskScore task =
          scorer
              .score(
                  1,
                  List.of(
                      scorer.parse(1, 1, answer("A", 1)),
                      scorer.parse(2, 1, answer("B", 1)),
                      scorer.parse(3, 2, answer("A", 1))))
              .orElseThrow();

      assertThat(task.tagScores()[0]).isCloseTo(2.0 / 3, within(1e-12));
      AnnotatorSummary user1 = scorer.summary().annotators().get(0);
      assertThat(user1.pairs()).isEqualTo(2);
      assertThat(user1.perTag().get("sentiment")).isEqualTo(new PairSum(1, 2));
      assertThat(scorer.summary().annotators().get(1).pairs()).isEqualTo(2);
    }
  }

  @Nested
  class ExcludedLabels {

    private final String config =
        Scoring.view("<Choices name=\"c\" toName=\"obj\" choice=\"multiple\"/>");

    private double score(String a, String b) {
      ControlTag tag = LabelConfig.parse(config).controlTags().get(0);
      TagSettings settings =
          TagSettings.defaultsFor(tag).withOverrides(tag, null, null, null, Set.of("Unsure"), null);
      return new Scoring(config, Methodology.PAIRWISE, Map.of("c", settings)).tagScore(0, a, b);
    }

    @Test
    void drop_excluded_choices_before_comparing() {
      assertThat(score(result(choices("c", "A", "Unsure")), result(choices("c", "A"))))
          .isEqualTo(1);
    }

    @Test
    void leave_an_annotation_with_only_excluded_choices_empty() {
      assertThat(score(result(choices("c", "Unsure")), "[]")).isEqualTo(1);
      assertThat(score(result(choices("c", "Unsure")), result(choices("c", "A")))).isZero();
    }

    @Test
    void drop_regions_whose_labels_are_all_excluded() {
      String spans = Scoring.view("<Labels name=\"ner\" toName=\"obj\"/>");
      ControlTag tag = LabelConfig.parse(spans).controlTags().get(0);
      TagSettings settings =
          TagSettings.defaultsFor(tag).withOverrides(tag, null, null, null, Set.of("MISC"), null);
      double score =
          new Scoring(spans, Methodology.PAIRWISE, Map.of("ner", settings))
              .tagScore(
                  0,
                  result(Results.span("ner", "PER", 0, 5), Results.span("ner", "MISC", 10, 20)),
                  result(Results.span("ner", "PER", 0, 5)));
      assertThat(score).isEqualTo(1);
    }
  }

  @Test
  void refuses_settings_whose_metric_does_not_fit_the_tag() {
    TagSettings iou = new TagSettings(Metric.IOU, 0.5, 1, Set.of(), null);
    assertThatThrownBy(
            () ->
                new ProjectScorer(
                    LabelConfig.parse(TWO_TAGS), Methodology.PAIRWISE, Map.of("stars", iou)))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("metric 'iou' is not allowed for tag 'stars' (Rating)");
  }

  @Test
  void ignores_settings_of_tags_no_longer_in_the_config() {
    TagSettings settings = new TagSettings(Metric.IOU, 0.5, 1, Set.of(), null);
    ProjectScorer scorer =
        new ProjectScorer(
            LabelConfig.parse(TWO_TAGS), Methodology.PAIRWISE, Map.of("gone", settings));
    assertThat(scorer.tags())
        .extracting(t -> t.settings().metric())
        .containsExactly(Metric.EXACT_MATCH, Metric.NUMERIC_DIFFERENCE);
  }
}
