package io.agreement.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.engine.KrippendorffAlpha.Level;
import io.agreement.engine.stats.TagStatistics.Diagnostic;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

  private static List<Diagnostic> diagnostics(RatingTable table) {
    return Statistics.compute(table, StatisticsOptions.of(Level.NOMINAL, false, 1, "t"))
        .diagnostics();
  }

  private static List<String> codes(RatingTable table) {
    return diagnostics(table).stream().map(Diagnostic::code).toList();
  }

  @Test
  void says_nothing_about_a_large_reliable_table() {
    assertThat(diagnostics(StatisticsTest.simulated(1, 200, 3, 0.95))).isEmpty();
  }

  @Test
  void warns_about_too_few_pairable_values() {
    List<Diagnostic> found = diagnostics(StatisticsTest.simulated(2, 16, 3, 0.95));
    assertThat(found).extracting(Diagnostic::code).containsExactly("low_sample");
    assertThat(found.get(0).message()).startsWith("Only 48 ratings can be compared");
  }

  @Test
  void warns_when_one_answer_dominates() {
    RatingTable table = new RatingTable(Scale.categories(List.of("ok", "spam")));
    for (int u = 0; u < 200; u++) {
      StatisticsTest.put(table, u, "ok", u % 20 == 0 ? "spam" : "ok");
    }
    List<Diagnostic> found = diagnostics(table);
    assertThat(found).extracting(Diagnostic::code).contains("prevalence", "low_alpha");
    assertThat(found.get(0).message()).startsWith("'ok' is 98% of the ratings.");
  }

  @Test
  void warns_about_a_low_alpha() {
    List<Diagnostic> found = diagnostics(StatisticsTest.simulated(3, 200, 3, 0.4));
    assertThat(found).extracting(Diagnostic::code).containsExactly("low_alpha");
    assertThat(found.get(0).message()).contains("below 0.667");
  }

  @Test
  void names_an_annotator_far_below_the_others() {
    Random random = new Random(4);
    List<String> labels = List.of("a", "b", "c");
    RatingTable table = new RatingTable(Scale.categories(labels));
    for (int u = 0; u < 150; u++) {
      String truth = labels.get(random.nextInt(3));
      String[] given = new String[5];
      for (int r = 0; r < 4; r++) {
        given[r] = random.nextDouble() < 0.9 ? truth : labels.get(random.nextInt(3));
      }
      given[4] = labels.get(random.nextInt(3));
      StatisticsTest.put(table, u, given);
    }
    List<Diagnostic> outliers =
        diagnostics(table).stream().filter(d -> d.code().equals("outlier_annotator")).toList();
    assertThat(outliers).extracting(Diagnostic::userId).containsExactly(5L);
    assertThat(outliers.get(0).message()).startsWith("Annotator 5 agrees with the others");
  }

  @Test
  void needs_four_annotators_to_call_one_an_outlier() {
    assertThat(codes(StatisticsTest.simulated(5, 200, 3, 0.9))).doesNotContain("outlier_annotator");
  }
}
