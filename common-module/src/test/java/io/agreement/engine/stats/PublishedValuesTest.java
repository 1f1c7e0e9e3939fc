package io.agreement.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agreement.engine.KrippendorffAlpha;
import io.agreement.engine.KrippendorffAlpha.Level;
import io.agreement.testsupport.ReliabilityData;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each coefficient against the values its literature publishes for a data set, to 3 decimals. */
class PublishedValuesTest {

  private static final double M = Double.NaN;
  private static final Offset<Double> THREE_DECIMALS = within(0.0005);

  /**
   * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
   * twelve units, values 1 to 5, missing values. Gwet (2014), "Handbook of Inter-Rater
   * Reliability", 4th ed., p. 120, analyses the same data, shipped in his R package irrCAC as
   * {@code cac.raw4raters} (rows there are units).
   */
  static final double[][] FOUR_OBSERVERS = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
    {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
  };

  private static TagStatistics statistics(RatingTable table, Level level) {
    return Statistics.compute(table, Tables.options(level));
  }

  @Nested
  class KrippendorffsAlpha {

    /** Krippendorff (2011), section C: 0.743, 0.815, 0.849 and 0.797. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"NOMINAL, 0.743", "ORDINAL, 0.815", "INTERVAL, 0.849", "RATIO, 0.797"})
    void reproduces_krippendorff_2011_at_every_level(Level level, double published) {
      Double alpha = statistics(Tables.numbers(FOUR_OBSERVERS), level).krippendorffAlpha().value();
      assertThat(alpha).isCloseTo(published, THREE_DECIMALS);
      assertThat(alpha)
          .as("the engine's own alpha")
          .isCloseTo(KrippendorffAlpha.of(level, FOUR_OBSERVERS).orElseThrow(), within(1e-12));
    }

    /** Hayes and Krippendorff (2007), Table 1: ordinal alpha 0.7598 over 159 judgements. */
    @Test
    void reproduces_hayes_and_krippendorff_2007() {
      TagStatistics.Alpha alpha =
          statistics(Tables.numbers(ReliabilityData.NEWS_TONE), Level.ORDINAL).krippendorffAlpha();
      assertThat(alpha.value()).isCloseTo(ReliabilityData.NEWS_TONE_ORDINAL_ALPHA, within(5e-5));
      assertThat(alpha.pairableValues()).as("every judgement is pairable").isEqualTo(159);
    }
  }

  @Nested
  class FleissKappa {

    /**
     * Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin
     * 76: 30 patients, 6 psychiatrists, 5 diagnoses; kappa = 0.430 (R's irr prints 0.4302445 for
     * its {@code diagnoses} data set, the same table). Rows: the diagnoses (1 to 5) each patient
     * got.
     */
    static final int[][] DIAGNOSES = {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
      {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
      {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
      {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
      {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
      {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
      {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5},
    };

    @Test
    void reproduces_fleiss_1971() {
      double[][] byRater = new double[6][30];
      for (int u = 0; u < 30; u++) {
        for (int r = 0; r < 6; r++) {
          byRater[r][u] = DIAGNOSES[u][r];
        }
      }
      TagStatistics stats = statistics(Tables.numbers(byRater), Level.NOMINAL);
      assertThat(stats.fleissKappa().value()).isCloseTo(0.430, THREE_DECIMALS);
      assertThat(stats.fleissKappa().value()).isCloseTo(0.4302445, within(5e-8));
      assertThat(stats.units()).isEqualTo(30);
      assertThat(stats.raters()).isEqualTo(6);
    }

    /**
     * Wikipedia, "Fleiss' kappa", worked example: 14 raters, 10 subjects, 5 categories; P = 0.378,
     * P_e = 0.213, kappa = 0.210.
     */
    @Test
    void reproduces_the_worked_example_of_wikipedia() {
      int[][] counts = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
      };
      TagStatistics stats = statistics(Tables.counts(counts), Level.NOMINAL);
      assertThat(stats.fleissKappa().value()).isCloseTo(0.210, THREE_DECIMALS);
      assertThat(stats.percentAgreement().value()).isCloseTo(0.378, THREE_DECIMALS);
    }
  }

  @Nested
  class GwetsAc {

    /**
     * Gwet (2014) p. 120 data through irrCAC 1.0 ({@code gwet.ac1.raw(cac.raw4raters)}, vignette
     * "benchmarking"): AC1 = 0.77544 with standard error 0.14295.
     */
    @Test
    void reproduces_ac1_and_its_standard_error() {
      TagStatistics.Estimate ac1 = statistics(Tables.numbers(FOUR_OBSERVERS), Level.NOMINAL).gwet();
      assertThat(ac1.value()).isCloseTo(0.77544, within(5e-6));
      assertThat(ac1.se()).isCloseTo(0.14295, within(5e-6));
    }

    /**
     * irrCAC vignette "weighting", {@code gwet.ac1.raw(cac.raw4raters, weights = "quadratic")}: p_a
     * = 0.9753788, p_e = 0.7137044, AC2 = 0.914, standard error 0.10396.
     */
    @Test
    void reproduces_ac2_with_quadratic_weights() {
      TagStatistics stats = statistics(Tables.numbers(FOUR_OBSERVERS), Level.INTERVAL);
      assertThat(stats.gwetName()).isEqualTo("AC2");
      assertThat(stats.gwet().value()).isCloseTo(0.914, THREE_DECIMALS);
      assertThat(stats.gwet().se()).isCloseTo(0.10396, within(5e-6));
    }

    /**
     * The same vignette, {@code fleiss.kappa.raw(cac.raw4raters, weights = "quadratic")}: kappa =
     * 0.86494, standard error 0.14603, p_e = 0.8177083. The endpoint's Fleiss' kappa is unweighted;
     * the weighted one checks the general formula and its standard error.
     */
    @Test
    void reproduces_weighted_fleiss_kappa_and_its_standard_error() {
      RatingTable table = Tables.numbers(FOUR_OBSERVERS);
      UnitCounts counts = new UnitCounts(table.unitList());
      ChanceCorrected quadratic =
          new ChanceCorrected(counts, Weights.of(Weighting.QUADRATIC, table.scale()));
      double[] kappa = quadratic.fleissWithError();
      assertThat(kappa[0]).isCloseTo(0.86494, within(5e-6));
      assertThat(kappa[1]).isCloseTo(0.14603, within(5e-6));
    }
  }

  @Nested
  class CohensKappa {

    /**
     * Cohen (1960), "A coefficient of agreement for nominal scales", Table 1: two judges, 200
     * subjects, three categories, proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06; p_o = .70,
     * p_c = .41, kappa = .492.
     */
    @Test
    void reproduces_cohen_1960() {
      int[][] cells = {{88, 14, 18}, {10, 40, 10}, {2, 6, 12}};
      RatingTable table = Tables.contingency(Scale.categories(List.of("1", "2", "3")), cells);
      TagStatistics stats = statistics(table, Level.NOMINAL);
      assertThat(stats.cohenKappa().matrix()[0][1]).isCloseTo(0.492, THREE_DECIMALS);
      assertThat(stats.cohenKappa().commonTasks()[0][1]).isEqualTo(200);
    }

    /**
     * The SAS PROC FREQ agreement example that statsmodels' inter-rater tests reproduce: 19
     * subjects, categories scored 0, 1, 2; simple kappa 0.4842, weighted kappa with
     * Cicchetti-Allison (linear) weights 0.4701.
     */
    @Test
    void reproduces_the_sas_simple_and_linear_weighted_kappa() {
      int[][] cells = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};
      TagStatistics stats =
          statistics(Tables.contingency(Scale.numbers(0, 1, 2), cells), Level.INTERVAL);
      assertThat(stats.cohenKappa().matrix()[0][1]).isCloseTo(0.4842, within(5e-5));
      assertThat(stats.cohenKappaLinear().matrix()[0][1]).isCloseTo(0.4701, within(5e-5));
    }

    /**
     * R's irr, {@code kappa2(anxiety[, 2:3], "equal")} = 0.1459075 and {@code "squared"} =
     * 0.2520325 (the values statsmodels' tests check against). irr spaces the weights by the rank
     * of the levels present, 1, 2, 3, 4 and 6, so the scale here ranks those five.
     */
    @Test
    void reproduces_irr_linear_and_quadratic_weighted_kappa() {
      int[] rater2 = {3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};
      int[] rater3 = {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};
      RatingTable table = new RatingTable(Scale.ordered(List.of("1", "2", "3", "4", "6")));
      for (int u = 0; u < rater2.length; u++) {
        int[] codes = {
          table.scale().code(String.valueOf(rater2[u])),
          table.scale().code(String.valueOf(rater3[u]))
        };
        table.put(u, new long[] {2, 3}, codes);
      }
      StatisticsOptions options =
          new StatisticsOptions(Level.ORDINAL, null, Weighting.ORDINAL, true, 1, 0);
      TagStatistics stats = Statistics.compute(table, options);
      assertThat(stats.cohenKappa().matrix()[0][1]).isCloseTo(-0.006289308, within(5e-9));
      assertThat(stats.cohenKappaLinear().matrix()[0][1]).isCloseTo(0.1459075, within(5e-8));
      assertThat(stats.cohenKappaQuadratic().matrix()[0][1]).isCloseTo(0.2520325, within(5e-8));
    }
  }
}
