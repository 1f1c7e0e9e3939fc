package io.agreement.engine.stats;

import io.agreement.engine.stats.TagStatistics.Alpha;
import io.agreement.engine.stats.TagStatistics.Estimate;
import io.agreement.engine.stats.TagStatistics.Interval;
import io.agreement.engine.stats.TagStatistics.KappaMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Computes one tag's {@link TagStatistics} from its {@link RatingTable}. */
public final class Statistics {

  private Statistics() {}

  public static TagStatistics compute(RatingTable table, StatisticsOptions options) {
    UnitCounts counts = new UnitCounts(table.unitList());
    Scale scale = table.scale();
    Weights identity = Weights.of(Weighting.IDENTITY, scale);
    ChanceCorrected unweighted = new ChanceCorrected(counts, identity);
    ChanceCorrected gwet =
        options.gwetWeights() == Weighting.IDENTITY
            ? unweighted
            : new ChanceCorrected(counts, Weights.of(options.gwetWeights(), scale));
    AlphaSums alpha = new AlphaSums(counts, scale, options.alphaLevel(), options.alphaDistance());
    Interval[] ci =
        Bootstrap.intervals(
            counts,
            options.seed(),
            options.resamples(),
            List.of(unweighted::percentAgreement, alpha::alpha, unweighted::fleiss, gwet::gwet));
    int[] once = counts.identity();
    Double alphaValue = alpha.alpha(once);
    PairTables pairs = new PairTables(table.unitList(), table.raterCount());
    int[] raters = ratersByUserId(table, counts);
    KappaMatrix cohen = matrix(table, pairs, raters, identity);
    return new TagStatistics(
        counts.units,
        raters.length,
        new Estimate(unweighted.percentAgreement(once), null, ci[0]),
        new Alpha(
            alphaValue,
            options.alphaLevel() == null ? null : options.alphaLevel().apiName(),
            options.alphaDistance() == null ? null : options.alphaDistance().apiName(),
            alpha.pairableValues(),
            ci[1]),
        withError(unweighted.fleissWithError(), ci[2]),
        withError(gwet.gwetWithError(), ci[3]),
        options.gwetWeights() == Weighting.IDENTITY ? "AC1" : "AC2",
        cohen,
        options.weightedCohen()
            ? matrix(table, pairs, raters, Weights.of(Weighting.LINEAR, scale))
            : null,
        options.weightedCohen()
            ? matrix(table, pairs, raters, Weights.of(Weighting.QUADRATIC, scale))
            : null,
        Diagnostics.of(alpha.pairableValues(), prevalent(counts, scale), alphaValue, cohen));
  }

  private static Estimate withError(double[] valueAndError, Interval ci) {
    if (valueAndError == null) {
      return new Estimate(null, null, ci);
    }
    double se = valueAndError[1];
    return new Estimate(valueAndError[0], Double.isFinite(se) ? se : null, ci);
  }

  /** Rater indexes of everyone in the table's current units, by ascending user id. */
  private static int[] ratersByUserId(RatingTable table, UnitCounts counts) {
    boolean[] present = new boolean[table.raterCount()];
    table.unitList().forEach(unit -> Arrays.stream(unit.raters()).forEach(r -> present[r] = true));
    return IntStream.range(0, present.length)
        .filter(r -> present[r])
        .boxed()
        .sorted((a, b) -> Long.compare(table.raterId(a), table.raterId(b)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static KappaMatrix matrix(
      RatingTable table, PairTables pairs, int[] raters, Weights weights) {
    int n = raters.length;
    Double[][] kappas = new Double[n][n];
    int[][] common = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        kappas[i][j] = pairs.kappa(raters[i], raters[j], weights);
        common[i][j] = pairs.common(raters[i], raters[j]);
      }
    }
    List<Long> ids = Arrays.stream(raters).mapToObj(table::raterId).toList();
    return new KappaMatrix(ids, kappas, common);
  }

  /** Over the units with two or more ratings, as alpha and kappa see them. */
  private static Diagnostics.Prevalent prevalent(UnitCounts counts, Scale scale) {
    long[] totals = new long[scale.size()];
    long all = 0;
    for (int p = 0; p < counts.patterns; p++) {
      if (counts.ratings[p] < 2) {
        continue;
      }
      for (int i = counts.start[p]; i < counts.start[p + 1]; i++) {
        totals[counts.code[i]] += (long) counts.weight[p] * counts.count[i];
        all += (long) counts.weight[p] * counts.count[i];
      }
    }
    int most =
        IntStream.range(0, totals.length)
            .reduce((a, b) -> totals[b] > totals[a] ? b : a)
            .orElse(-1);
    return all == 0
        ? null
        : new Diagnostics.Prevalent(scale.label(most), (double) totals[most] / all);
  }
}
