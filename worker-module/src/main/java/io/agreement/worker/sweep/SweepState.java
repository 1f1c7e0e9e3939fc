package io.agreement.worker.sweep;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The single row of {@code agreement.sweep_state}: the watermark, when the sweep and the
 * reconciliation last ran, and when a payload-less webhook asked for a sweep. What is due is
 * decided by the database's clock, the one clock every worker shares.
 */
final class SweepState {

  /**
   * What a tick has to do, as of {@code now}.
   *
   * @param now the database's time when the tick read the row
   * @param watermark the greatest updated_at the sweep has seen; null before the first sweep
   */
  record Due(Instant now, Instant watermark, boolean sweep, boolean reconcile) {}

  private static final String DUE =
      """
      SELECT clock_timestamp(), watermark,
             last_sweep_at IS NULL OR last_sweep_at <= clock_timestamp() - CAST(:sweep AS interval)
               OR sweep_requested_at > last_sweep_at,
             last_reconcile_at IS NULL
               OR last_reconcile_at <= clock_timestamp() - CAST(:reconcile AS interval)
      FROM agreement.sweep_state WHERE id = 1
      """;

  private final JdbcClient jdbc;

  SweepState(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Due due(Duration sweepInterval, Duration reconcileInterval) {
    return jdbc.sql(DUE)
        .param("sweep", interval(sweepInterval))
        .param("reconcile", interval(reconcileInterval))
        .query(
            (rs, n) ->
                new Due(
                    Timestamps.instant(rs, 1),
                    Timestamps.instant(rs, 2),
                    rs.getBoolean(3),
                    rs.getBoolean(4)))
        .optional()
        .orElseThrow(SweepState::missingRow);
  }

  /**
   * Records a sweep that started at {@code startedAt}: a request made after that asks for another.
   * The watermark only moves forward.
   */
  void swept(Instant startedAt, Instant watermark) {
    int updated =
        jdbc.sql(
                """
                UPDATE agreement.sweep_state
                SET watermark = CASE WHEN watermark IS NULL OR watermark < :w THEN :w ELSE watermark END,
                    last_sweep_at = :at
                WHERE id = 1
                """)
            .param("w", Timestamps.utc(watermark))
            .param("at", Timestamps.utc(startedAt))
            .update();
    requireRow(updated);
  }

  void reconciled(Instant startedAt) {
    int updated =
        jdbc.sql("UPDATE agreement.sweep_state SET last_reconcile_at = :at WHERE id = 1")
            .param("at", Timestamps.utc(startedAt))
            .update();
    requireRow(updated);
  }

  private static void requireRow(int updated) {
    if (updated != 1) {
      throw missingRow();
    }
  }

  private static IllegalStateException missingRow() {
    return new IllegalStateException(
        "agreement.sweep_state has no row with id 1 (migration V10 inserts it); restore it with"
            + " INSERT INTO agreement.sweep_state (id) VALUES (1)");
  }

  private static String interval(Duration d) {
    return d.toMillis() + " milliseconds";
  }
}
