package io.agreement.api.refresh;

import io.agreement.api.web.Columns;
import io.agreement.common.labelstudio.LabelStudioLiveProjects;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the backlog and the sweep's state in one snapshot. */
final class RefreshStatusRepository {

  private record Sweep(Instant lastSweepAt, Instant lastReconcileAt, Instant watermark) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;

  RefreshStatusRepository(JdbcClient jdbc, TransactionTemplate snapshot) {
    this.jdbc = jdbc;
    this.snapshot = snapshot;
  }

  RefreshStatus status(long org) {
    return snapshot.execute(status -> read(org));
  }

  private RefreshStatus read(long org) {
    Sweep sweep =
        jdbc.sql(
                "SELECT last_sweep_at, last_reconcile_at, watermark FROM agreement.sweep_state"
                    + " WHERE id = 1")
            .query(
                (rs, n) ->
                    new Sweep(
                        Columns.instant(rs, 1), Columns.instant(rs, 2), Columns.instant(rs, 3)))
            .optional()
            .orElse(new Sweep(null, null, null));
    return jdbc.sql(LabelStudioLiveProjects.ORGANIZATION_BACKLOG)
        .param("org", org)
        .query(
            (rs, n) ->
                new RefreshStatus(
                    org,
                    rs.getLong("tasks"),
                    rs.getLong("projects"),
                    rs.getLong("requested"),
                    Columns.instant(rs, 3),
                    rs.getObject("oldest_age", Double.class),
                    sweep.lastSweepAt(),
                    sweep.lastReconcileAt(),
                    sweep.watermark()))
        .single();
  }
}
