package io.agreement.generate;

import io.agreement.common.labelstudio.Installation;
import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.common.labelstudio.LabelStudioEdits;
import io.agreement.common.labelstudio.LabelStudioRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The live-refresh benchmark's load: the projects, their tasks and annotators read once, then
 * {@link LoadRun} changes them at the rate asked while a {@link ScorePoller} reads the scores back.
 */
final class LiveLoad {

  /** One project with its tasks and the organization's annotators. */
  record Target(
      WebhookPayloads.Project project, long organization, long[] tasks, long[] annotators) {}

  private final LiveLoadOptions options;

  LiveLoad(LiveLoadOptions options) {
    this.options = options;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
  }

  /** The projects with tasks, after adding the new annotators to their organizations. */
  List<Target> targets() throws SQLException {
    try (Connection c = connect()) {
      Installation.requireStandalone(
          JdbcClient.create(new SingleConnectionDataSource(c, true)), "live-load");
      List<Target> targets = new ArrayList<>();
      Map<Long, long[]> annotators = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(LabelStudioEdits.PROJECTS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          var project =
              new WebhookPayloads.Project(
                  rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6));
          long org = rs.getLong(2);
          targets.add(new Target(project, org, null, null));
        }
      }
      List<Target> filled = new ArrayList<>();
      for (Target t : targets) {
        long[] members = annotators.get(t.organization());
        if (members == null) {
          members = addAnnotators(c, t.organization());
          annotators.put(t.organization(), members);
        }
        filled.add(new Target(t.project(), t.organization(), ids(c, t.project().id()), members));
      }
      return filled;
    }
  }

  private long[] addAnnotators(Connection c, long organization) throws SQLException {
    LabelStudioRows rows = new LabelStudioRows(c, OffsetDateTime.now());
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 1; i <= options.newAnnotators(); i++) {
      long user =
          rows.user("live" + i + "-" + run + "-" + organization + "@example.com", organization);
      rows.member(user, organization, "ANNOTATOR");
    }
    try (PreparedStatement ps = c.prepareStatement(LabelStudioEdits.MEMBERS)) {
      ps.setLong(1, organization);
      return longs(ps);
    }
  }

  private static long[] ids(Connection c, long project) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LabelStudioEdits.PROJECT_TASKS)) {
      ps.setLong(1, project);
      return longs(ps);
    }
  }

  private static long[] longs(PreparedStatement ps) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Tasks whose stored fingerprint differs from Label Studio's rows (either side missing included):
   * zero after a complete backfill with nothing pending.
   */
  long mismatches(List<Target> targets) throws SQLException {
    long mismatches = 0;
    try (Connection c = connect()) {
      for (Target t : targets) {
        Map<Long, String> current = fingerprints(c, LabelStudioChanges.PROJECT_FINGERPRINTS, t);
        Map<Long, String> stored =
            fingerprints(
                c, "SELECT task_id, fingerprint FROM agreement.task_state WHERE project_id = ?", t);
        for (Map.Entry<Long, String> e : current.entrySet()) {
          mismatches += Objects.equals(e.getValue(), stored.remove(e.getKey())) ? 0 : 1;
        }
        mismatches += stored.size();
      }
    }
    return mismatches;
  }

  private static Map<Long, String> fingerprints(Connection c, String sql, Target t)
      throws SQLException {
    Map<Long, String> rows = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, t.project().id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return rows;
  }

  /** Dirty marks left, after waiting up to the drain timeout for them to go. */
  long awaitNoDirtyMarks() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agreement.dirty_task")) {
      while (true) {
        long left;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          left = rs.getLong(1);
        }
        if (left == 0 || System.nanoTime() > deadline) {
          return left;
        }
        Thread.sleep(200);
      }
    }
  }
}
