package io.agreement.engine;

import static io.agreement.engine.Results.choices;
import static io.agreement.engine.Results.number;
import static io.agreement.engine.Results.rating;
import static io.agreement.engine.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a refresh rebuilds from stored per-task ratings equals what a backfill computes from the
 * annotations: Krippendorff's alpha of every tag and every statistic, on random projects.
 */
class TaskRatingsTest {

  private static final String CONFIG =
      Scoring.view(
          "<Choices name=\"sentiment\" toName=\"obj\"><Choice value=\"pos\"/><Choice value=\"neg\"/>"
              + "<Choice value=\"neu\"/></Choices>",
          "<Choices name=\"multi\" toName=\"obj\" choice=\"multiple\"><Choice value=\"a\"/>"
              + "<Choice value=\"b\"/><Choice value=\"c\"/></Choices>",
          "<Number name=\"count\" toName=\"obj\"/>",
          "<Rating name=\"stars\" toName=\"obj\" maxRating=\"5\"/>");

  private static final String[] SENTIMENTS = {"pos", "neg", "neu", "other"};
  private static final String[] MEMBERS = {"a", "b", "c", "d"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void replaying_stored_ratings_gives_the_backfills_alpha_and_statistics(long seed) {
    Random random = new Random(seed);
    Map<String, TagSettings> settings = new LinkedHashMap<>();
    if (seed % 2 == 0) {
      settings.put(
          "sentiment",
          TagSettings.defaultsFor(tag("sentiment"))
              .withOverrides(tag("sentiment"), null, null, null, null, "ordinal", null));
    }
    ProjectScorer backfill = scorer(settings);
    ProjectStatistics statistics = new ProjectStatistics(backfill, 42);
    ProjectScorer refresh = scorer(settings);
    StoredRatings stored = new StoredRatings(refresh, 42);
    long annotationId = 1;
    for (long task = 1; task <= 60 + random.nextInt(60); task++) {
      int n = random.nextInt(6);
      List<ParsedAnnotation> annotations = new ArrayList<>();
      long[] updatedAt = new long[n];
      for (int i = 0; i < n; i++) {
        long user = 1 + random.nextInt(5);
        annotations.add(backfill.parse(annotationId++, user, randomResult(random)));
        updatedAt[i] = random.nextInt(3);
      }
      byte[] encoded = TaskRatings.encode(backfill, annotations, updatedAt);
      backfill.scoreWithPairs(task, annotations);
      if (!annotations.isEmpty()) {
        statistics.add(task, annotations, updatedAt);
      }
      stored.add(task, encoded);
    }
    ProjectSummary summary = backfill.summary();
    for (int t = 0; t < backfill.tags().size(); t++) {
      Double expected = summary.tags().get(t).krippendorffAlpha();
      if (expected == null) {
        assertThat(stored.alpha(t)).as(backfill.tags().get(t).tag().name()).isNull();
      } else {
        assertThat(stored.alpha(t)).as(backfill.tags().get(t).tag().name()).isNotNull();
        assertThat(stored.alpha(t)).isCloseTo(expected, within(1e-12));
      }
    }
    assertThat(summary.tags().stream().filter(tag -> tag.krippendorffAlpha() != null)).isNotEmpty();
    assertThat(stored.statistics())
        .usingRecursiveComparison()
        .withComparatorForType(
            (a, b) -> Math.abs(a - b) <= 1e-12 || a.equals(b) ? 0 : Double.compare(a, b),
            Double.class)
        .isEqualTo(statistics.compute());
  }

  @Test
  void refuses_ratings_encoded_for_other_tags_or_truncated() {
    ProjectScorer scorer = scorer(Map.of());
    byte[] encoded =
        TaskRatings.encode(
            scorer, List.of(scorer.parse(1, 1, result(number("count", 3)))), new long[] {0});
    ProjectScorer other =
        new ProjectScorer(
            LabelConfig.parse(Scoring.view("<Number name=\"count\" toName=\"obj\"/>")),
            Methodology.CONSENSUS,
            Map.of());
    assertThatThrownBy(() -> new StoredRatings(other, 1).add(1, encoded))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 3);
    assertThatThrownBy(() -> new StoredRatings(scorer, 1).add(1, truncated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoredRatings(scorer, 1).add(1, new byte[] {9}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ProjectScorer scorer(Map<String, TagSettings> settings) {
    return new ProjectScorer(LabelConfig.parse(CONFIG), Methodology.CONSENSUS, settings);
  }

  private static ControlTag tag(String name) {
    return LabelConfig.parse(CONFIG).controlTags().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String randomResult(Random random) {
    List<String> items = new ArrayList<>();
    if (random.nextInt(5) > 0) {
      items.add(choices("sentiment", SENTIMENTS[random.nextInt(SENTIMENTS.length)]));
    }
    if (random.nextInt(5) > 0) {
      List<String> members = new ArrayList<>();
      for (String m : MEMBERS) {
        if (random.nextBoolean()) {
          members.add(m);
        }
      }
      items.add(choices("multi", members.toArray(String[]::new)));
    }
    if (random.nextInt(4) > 0) {
      items.add(number("count", random.nextInt(4)));
    }
    if (random.nextInt(4) > 0) {
      items.add(rating("stars", 1 + random.nextInt(5)));
    }
    return result(items.toArray(String[]::new));
  }
}
