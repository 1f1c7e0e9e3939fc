package io.agreement.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.engine.KrippendorffAlpha.Level;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  private static final List<String> LABELS = List.of("pos", "neg", "neu");

  /** Raters 1..raters label {@code units} tasks; each agrees with the truth with {@code p}. */
  static RatingTable simulated(long seed, int units, int raters, double p) {
    Random random = new Random(seed);
    RatingTable table = new RatingTable(Scale.categories(LABELS));
    for (int u = 0; u < units; u++) {
      put(table, u, ratings(random, raters, p));
    }
    return table;
  }

  private static String[] ratings(Random random, int raters, double p) {
    String truth = LABELS.get(random.nextInt(3));
    String[] given = new String[raters];
    for (int r = 0; r < raters; r++) {
      given[r] = random.nextDouble() < p ? truth : LABELS.get(random.nextInt(3));
    }
    return given;
  }

  static void put(RatingTable table, long task, String... labels) {
    long[] raters = new long[labels.length];
    int[] codes = new int[labels.length];
    for (int r = 0; r < labels.length; r++) {
      raters[r] = r + 1;
      codes[r] = table.scale().code(labels[r]);
    }
    table.put(task, raters, codes);
  }

  private static TagStatistics nominal(RatingTable table) {
    return Statistics.compute(table, StatisticsOptions.of(Level.NOMINAL, false, 7, "sentiment"));
  }

  @Nested
  class IsNullWhereUndefined {

    @Test
    void for_an_empty_table() {
      TagStatistics stats = nominal(new RatingTable(Scale.categories(LABELS)));
      assertThat(stats.units()).isZero();
      assertThat(stats.percentAgreement().value()).isNull();
      assertThat(stats.percentAgreement().ci()).isNull();
      assertThat(stats.krippendorffAlpha().value()).isNull();
      assertThat(stats.fleissKappa().value()).isNull();
      assertThat(stats.fleissKappa().se()).isNull();
      assertThat(stats.gwet().value()).isNull();
      assertThat(stats.cohenKappa().matrix()).isEmpty();
    }

    @Test
    void for_tasks_with_one_rating_each() {
      RatingTable table = new RatingTable(Scale.categories(LABELS));
      table.put(1, new long[] {1, 2}, new int[] {0, Scale.MISSING});
      table.put(2, new long[] {2}, new int[] {1});
      TagStatistics stats = nominal(table);
      assertThat(stats.units()).isEqualTo(2);
      assertThat(stats.krippendorffAlpha().value()).isNull();
      assertThat(stats.krippendorffAlpha().pairableValues()).isZero();
      assertThat(stats.fleissKappa().value()).isNull();
      assertThat(stats.gwet().value()).isNull();
      assertThat(stats.percentAgreement().value()).isNull();
    }

    @Test
    void for_chance_corrected_coefficients_when_everyone_gives_the_same_answer() {
      RatingTable table = new RatingTable(Scale.numbers());
      for (int u = 0; u < 30; u++) {
        table.put(u, new long[] {1, 2}, new int[] {table.scale().code(4), table.scale().code(4)});
      }
      TagStatistics stats =
          Statistics.compute(table, StatisticsOptions.of(Level.INTERVAL, true, 7, "score"));
      assertThat(stats.percentAgreement().value()).isEqualTo(1);
      assertThat(stats.krippendorffAlpha().value()).isNull();
      assertThat(stats.fleissKappa().value()).isNull();
      assertThat(stats.gwet().value()).as("q = 1: no chance term").isNull();
      assertThat(stats.cohenKappa().matrix()[0][1]).isNull();
      assertThat(stats.cohenKappaQuadratic().matrix()[0][1]).isNull();
    }
  }

  @Nested
  class BuiltInTaskOrder {

    @Test
    void refuses_a_task_twice_or_out_of_order_and_keeps_what_it_had() {
      RatingTable table = simulated(3, 80, 3, 0.7);
      TagStatistics before = nominal(table);
      assertThatThrownBy(() -> put(table, 79, "pos", "pos", "neg"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ascending");
      assertThatThrownBy(() -> put(table, 5, "pos", "pos", "neg"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(nominal(table)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void tasks_rated_alike_share_a_unit_and_count_as_many_tasks() {
      RatingTable table = new RatingTable(Scale.categories(LABELS));
      for (int u = 0; u < 1_000; u++) {
        put(table, u, u % 2 == 0 ? new String[] {"pos", "pos"} : new String[] {"pos", "neg"});
      }
      assertThat(table.units()).isEqualTo(1_000);
      assertThat(table.unitList()).hasSize(1_000);
      assertThat(
              new java.util.IdentityHashMap<RatingTable.Unit, Boolean>() {
                {
                  table.unitList().forEach(unit -> put(unit, true));
                }
              })
          .hasSize(2);
      assertThat(nominal(table).percentAgreement().value()).isEqualTo(0.5);
    }

    @Test
    void a_task_without_a_rating_is_not_a_unit() {
      RatingTable table = new RatingTable(Scale.categories(LABELS));
      table.put(1, new long[] {1, 2}, new int[] {Scale.MISSING, Scale.MISSING});
      put(table, 2, "pos", "pos");
      assertThat(table.units()).isEqualTo(1);
    }
  }

  @Nested
  class Bootstrap {

    @Test
    void gives_the_same_intervals_on_every_read() {
      RatingTable table = simulated(5, 200, 3, 0.6);
      assertThat(nominal(table)).usingRecursiveComparison().isEqualTo(nominal(table));
    }

    @Test
    void differs_by_tag_and_project() {
      RatingTable table = simulated(5, 200, 3, 0.6);
      TagStatistics one = nominal(table);
      TagStatistics other =
          Statistics.compute(table, StatisticsOptions.of(Level.NOMINAL, false, 8, "sentiment"));
      assertThat(other.krippendorffAlpha().value()).isEqualTo(one.krippendorffAlpha().value());
      assertThat(other.krippendorffAlpha().ci()).isNotEqualTo(one.krippendorffAlpha().ci());
    }

    @Test
    void brackets_the_estimates() {
      TagStatistics stats = nominal(simulated(6, 300, 4, 0.6));
      assertWithin(stats.percentAgreement());
      assertWithin(stats.fleissKappa());
      assertWithin(stats.gwet());
      TagStatistics.Alpha alpha = stats.krippendorffAlpha();
      assertThat(alpha.value()).isBetween(alpha.ci().low(), alpha.ci().high());
    }

    private void assertWithin(TagStatistics.Estimate estimate) {
      assertThat(estimate.value()).isBetween(estimate.ci().low(), estimate.ci().high());
    }
  }

  @Nested
  class CohensKappaMatrix {

    @Test
    void leaves_pairs_with_fewer_than_ten_common_tasks_empty() {
      RatingTable table = simulated(7, 30, 2, 0.8);
      for (int u = 100; u < 109; u++) {
        table.put(u, new long[] {1, 9}, new int[] {u % 3, u % 3});
      }
      TagStatistics.KappaMatrix kappa = nominal(table).cohenKappa();
      assertThat(kappa.userIds()).containsExactly(1L, 2L, 9L);
      assertThat(kappa.matrix()[0][1]).isNotNull();
      assertThat(kappa.matrix()[0][2]).as("9 common tasks").isNull();
      assertThat(kappa.commonTasks()[0][2]).isEqualTo(9);
      assertThat(kappa.matrix()[2][2]).isEqualTo(1);
      assertThat(kappa.commonTasks()[0][0]).isEqualTo(39);
    }
  }
}
