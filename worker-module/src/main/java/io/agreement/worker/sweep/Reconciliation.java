package io.agreement.worker.sweep;

import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation (SPEC 9): for every scored project, one grouped query compares Label Studio's
 * per-task fingerprints with those the project was scored with and marks the tasks that differ. It
 * finds what leaves no timestamp for the sweep: raw and cascaded deletes, tasks unlinked from their
 * project, raw updates, ground-truth flags changed in bulk. Each project's config is checked too
 * (changed without a webhook). A project whose backfill never completed counts only the tasks it
 * has scored: an old task nobody scored there is not a change.
 */
final class Reconciliation {

  /**
   * What a reconciliation did.
   *
   * @param projects projects compared
   * @param changed tasks found changed and marked
   */
  record Result(int projects, long changed) {}

  private record Project(long id, boolean backfilled) {}

  private final DirtyMarks marks;
  private final ConfigChanges configs;
  private final int batch;

  Reconciliation(DirtyMarks marks, ConfigChanges configs, int batch) {
    this.marks = marks;
    this.configs = configs;
    this.batch = batch;
  }

  /** Reconciles on {@code connection} (in auto-commit mode; left so). */
  Result run(Connection connection) throws SQLException {
    List<Project> projects = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioChanges.SCORED_PROJECTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        projects.add(new Project(rs.getLong(1), rs.getBoolean(2)));
      }
    }
    long changed = 0;
    for (Project project : projects) {
      changed += reconcile(connection, project);
      configs.check(project.id());
    }
    return new Result(projects.size(), changed);
  }

  private long reconcile(Connection connection, Project project) throws SQLException {
    MarkBuffer buffer = new MarkBuffer(marks, DirtyMarks.Source.RECONCILE, batch);
    connection.setAutoCommit(false);
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioChanges.RECONCILE)) {
      ps.setFetchSize(batch);
      ps.setLong(1, project.id());
      ps.setLong(2, project.id());
      ps.setBoolean(3, project.backfilled());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          buffer.add(project.id(), rs.getLong(1));
        }
      }
      connection.commit();
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    buffer.flush();
    return buffer.found();
  }
}
