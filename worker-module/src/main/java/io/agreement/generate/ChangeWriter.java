package io.agreement.generate;

import io.agreement.common.labelstudio.LabelStudioEdits;
import io.agreement.generate.LiveLoadOptions.ChangeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One annotator's changes on its own connection: each is one transaction on Label Studio's tables
 * that also reads the task's fingerprint after the change. A delete or edit on a task without
 * annotations creates one instead, and a create on a task everyone annotated edits one.
 */
final class ChangeWriter {

  /**
   * A committed change.
   *
   * @param kind what it did
   * @param task the task
   * @param fingerprint the task's fingerprint after it; null when none is counted
   * @param annotation the annotation as it is after the change; null for a delete
   * @param deletedId the deleted annotation's id; 0 unless a delete
   */
  record Committed(
      ChangeKind kind,
      long task,
      String fingerprint,
      WebhookPayloads.Annotation annotation,
      long deletedId) {}

  private record Existing(long id, long annotator) {}

  private static final String[] CHOICES = {"Positive", "Negative", "Neutral"};
  private static final String[] LABELS = {"Person", "Place"};

  private final Connection connection;
  private final Random random;

  ChangeWriter(Connection connection, Random random) throws SQLException {
    this.connection = connection;
    this.random = random;
    connection.setAutoCommit(false);
  }

  Committed change(ChangeKind wanted, long project, long task, long[] annotators)
      throws SQLException {
    try {
      List<Existing> existing = existing(task);
      ChangeKind kind = feasible(wanted, existing, annotators);
      Committed committed =
          switch (kind) {
            case CREATE -> create(project, task, free(existing, annotators));
            case EDIT -> edit(project, task, existing.get(random.nextInt(existing.size())).id());
            case DELETE -> delete(task, existing.get(random.nextInt(existing.size())).id());
          };
      touch(task, kind == ChangeKind.CREATE ? 1 : kind == ChangeKind.DELETE ? -1 : 0);
      Committed result =
          new Committed(
              kind, task, fingerprint(task), committed.annotation(), committed.deletedId());
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private ChangeKind feasible(ChangeKind wanted, List<Existing> existing, long[] annotators) {
    if (wanted != ChangeKind.CREATE && existing.isEmpty()) {
      return ChangeKind.CREATE;
    }
    if (wanted == ChangeKind.CREATE && free(existing, annotators) < 0 && !existing.isEmpty()) {
      return ChangeKind.EDIT;
    }
    return wanted;
  }

  /** A random annotator who has no counted annotation on the task; -1 if none is left. */
  private long free(List<Existing> existing, long[] annotators) {
    List<Long> free = new ArrayList<>();
    for (long a : annotators) {
      if (existing.stream().noneMatch(e -> e.annotator() == a)) {
        free.add(a);
      }
    }
    return free.isEmpty() ? -1 : free.get(random.nextInt(free.size()));
  }

  private List<Existing> existing(long task) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.COUNTED_ANNOTATIONS)) {
      ps.setLong(1, task);
      List<Existing> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Existing(rs.getLong(1), rs.getLong(2)));
        }
      }
      return rows;
    }
  }

  private Committed create(long project, long task, long annotator) throws SQLException {
    if (annotator < 0) {
      throw new IllegalStateException("Task " + task + " has no annotator left to create with");
    }
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.CREATE_ANNOTATION)) {
      String result = result();
      ps.setString(1, result);
      ps.setLong(2, task);
      ps.setLong(3, project);
      ps.setLong(4, annotator);
      return new Committed(ChangeKind.CREATE, task, null, annotation(ps, project, task, result), 0);
    }
  }

  private Committed edit(long project, long task, long annotationId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.EDIT_ANNOTATION)) {
      String result = result();
      ps.setString(1, result);
      ps.setLong(2, annotationId);
      return new Committed(ChangeKind.EDIT, task, null, annotation(ps, project, task, result), 0);
    }
  }

  private Committed delete(long task, long annotationId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.DELETE_ANNOTATION)) {
      ps.setLong(1, annotationId);
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("Annotation " + annotationId + " was already gone");
      }
      return new Committed(ChangeKind.DELETE, task, null, null, annotationId);
    }
  }

  private WebhookPayloads.Annotation annotation(
      PreparedStatement ps, long project, long task, String result) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("Task " + task + "'s annotation was not written");
      }
      return new WebhookPayloads.Annotation(
          rs.getLong(1),
          task,
          project,
          rs.getLong(4),
          result,
          rs.getObject(2, OffsetDateTime.class),
          rs.getObject(3, OffsetDateTime.class));
    }
  }

  private void touch(long task, int delta) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.TOUCH_TASK)) {
      ps.setInt(1, delta);
      ps.setLong(2, task);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("Task " + task + " is gone");
        }
      }
    }
  }

  private String fingerprint(long task) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(LabelStudioEdits.TASK_FINGERPRINT)) {
      ps.setLong(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** A result of the generated projects' config: one sentiment choice and one entity span. */
  private String result() {
    int choice = random.nextInt(CHOICES.length);
    int start = random.nextInt(80);
    return "[{\"id\":\"c%d\",\"from_name\":\"sentiment\",\"to_name\":\"text\",\"type\":\"choices\","
            .formatted(choice)
        + "\"value\":{\"choices\":[\"%s\"]}},".formatted(CHOICES[choice])
        + ("{\"id\":\"s%d\",\"from_name\":\"entities\",\"to_name\":\"text\",\"type\":\"labels\","
                + "\"value\":{\"start\":%d,\"end\":%d,\"labels\":[\"%s\"]}}]")
            .formatted(
                start,
                start,
                start + 5 + random.nextInt(15),
                LABELS[random.nextInt(LABELS.length)]);
  }
}
