package io.agreement.engine;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Krippendorff's alpha, as in Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability":
 * values are paired within units into a coincidence matrix, units with fewer than two values are
 * dropped, missing values (NaN) are allowed, and alpha = 1 - D_o / D_e.
 *
 * <p>Incremental, so that a project's units never have to be held at once: the nominal and interval
 * levels keep a few sums (nominal also a count per category); ordinal and ratio keep the sparse
 * coincidence matrix, which grows with the number of distinct values, not of units.
 */
public final class KrippendorffAlpha {

  public enum Level {
    NOMINAL,
    ORDINAL,
    INTERVAL,
    RATIO;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Level> fromApiName(String s) {
      return Arrays.stream(values()).filter(l -> l.apiName().equals(s)).findFirst();
    }

    /**
     * The levels alpha can be computed at for a tag (SPEC 4.6): nominal for a single-choice
     * Choices, and ordinal too when its config lists the choices (ordinal ranks them in config
     * order), any level for Rating and Number, none for other tags and for per-region tags.
     */
    public static Set<Level> allowedFor(ControlTag tag) {
      if (tag.perRegion()) {
        return Set.of();
      }
      return switch (tag.type()) {
        case "Choices" ->
            tag.multiple()
                ? Set.of()
                : tag.values().isEmpty() ? EnumSet.of(NOMINAL) : EnumSet.of(NOMINAL, ORDINAL);
        case "Rating", "Number" -> EnumSet.allOf(Level.class);
        default -> Set.of();
      };
    }

    /** Nominal for a single-choice Choices, interval for Rating and Number, else null. */
    public static Level defaultFor(ControlTag tag) {
      Set<Level> allowed = allowedFor(tag);
      return allowed.isEmpty() ? null : "Choices".equals(tag.type()) ? NOMINAL : INTERVAL;
    }
  }

  private final Coincidences coincidences;
  private final boolean ratio;
  private double[] pairable = new double[8];

  public KrippendorffAlpha(Level level) {
    ratio = level == Level.RATIO;
    coincidences =
        switch (level) {
          case NOMINAL -> new NominalCoincidences();
          case INTERVAL -> new IntervalCoincidences();
          case ORDINAL, RATIO -> new SparseCoincidences(level);
        };
  }

  /**
   * The values the coders gave one unit; NaN for a coder that gave none. A ratio scale starts at an
   * absolute zero, so at the ratio level a negative value counts as missing.
   */
  public void addUnit(double[] values) {
    if (pairable.length < values.length) {
      pairable = new double[values.length];
    }
    int m = 0;
    for (double value : values) {
      if (!Double.isNaN(value) && !(ratio && value < 0)) {
        pairable[m++] = value;
      }
    }
    if (m >= 2) {
      coincidences.add(pairable, m);
    }
  }

  /** Empty when undefined: no pairable values, or no variation among them (D_e = 0). */
  public OptionalDouble alpha() {
    return coincidences.alpha();
  }

  /**
   * Alpha of a whole reliability data matrix.
   *
   * @param reliabilityData {@code [coder][unit]}, NaN for missing; rows may differ in length
   */
  public static OptionalDouble of(Level level, double[][] reliabilityData) {
    KrippendorffAlpha alpha = new KrippendorffAlpha(level);
    int units = Arrays.stream(reliabilityData).mapToInt(row -> row.length).max().orElse(0);
    double[] unit = new double[reliabilityData.length];
    for (int u = 0; u < units; u++) {
      for (int c = 0; c < reliabilityData.length; c++) {
        unit[c] = u < reliabilityData[c].length ? reliabilityData[c][u] : Double.NaN;
      }
      alpha.addUnit(unit);
    }
    return alpha.alpha();
  }

  /**
   * Alpha from the sums of a coincidence matrix (Krippendorff 2011): {@code n} pairable values,
   * {@code observed} = sum of o_ck * delta_ck, {@code expected} = sum of n_c * n_k * delta_ck. For
   * callers that keep these sums themselves, such as a bootstrap over units; empty when undefined.
   */
  public static OptionalDouble fromSums(double n, double observed, double expected) {
    return Coincidences.alpha(n, observed, expected);
  }

  /** The coincidence matrix, or what of it a level needs. */
  interface Coincidences {

    /** One unit's {@code m >= 2} pairable values, each paired with the others at 1 / (m - 1). */
    void add(double[] values, int m);

    OptionalDouble alpha();

    /** alpha = 1 - (n - 1) * sum(o_ck * delta_ck) / sum(n_c * n_k * delta_ck). */
    static OptionalDouble alpha(double n, double observed, double expected) {
      if (n == 0 || expected == 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(1 - (n - 1) * observed / expected);
    }
  }
}
