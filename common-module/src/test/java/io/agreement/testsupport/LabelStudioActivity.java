package io.agreement.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Label Studio at work, for the live refresh tests: an organization with four annotators, projects
 * of {@link #CONFIG} with random annotations, and random changes made as Label Studio makes them
 * (each committed, the task's updated_at bumped as Label Studio does).
 */
public final class LabelStudioActivity {

  /** What a change did, as Label Studio's webhook for it would tell. */
  public enum Kind {
    ANNOTATION_CREATED,
    ANNOTATION_UPDATED,
    ANNOTATION_DELETED,
    TASK_DELETED,
    TASK_CREATED
  }

  /**
   * One change: the task it touched and the annotation (0 for a task change); a deleted task's
   * annotations are listed in {@code cascaded}.
   */
  public record Change(Kind kind, long task, long annotation, List<Long> cascaded) {}

  public static final String CONFIG =
      "<View><Text name=\"t\" value=\"$t\"/>"
          + "<Choices name=\"sentiment\" toName=\"t\"><Choice value=\"pos\"/><Choice value=\"neg\"/>"
          + "<Choice value=\"neu\"/></Choices>"
          + "<Choices name=\"topics\" toName=\"t\" choice=\"multiple\"><Choice value=\"a\"/>"
          + "<Choice value=\"b\"/><Choice value=\"c\"/></Choices>"
          + "<Rating name=\"stars\" toName=\"t\" maxRating=\"5\"/>"
          + "<Labels name=\"ner\" toName=\"t\"><Label value=\"PER\"/><Label value=\"ORG\"/></Labels>"
          + "</View>";

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  public final long organization;
  public final List<Long> users = new ArrayList<>();

  /** In an organization that exists already, with its users as the annotators. */
  public LabelStudioActivity(DataSource dataSource, long organization, List<Long> users) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.organization = organization;
    this.users.addAll(users);
  }

  public LabelStudioActivity(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.organization =
        SourceRows.write(dataSource, r -> r.organization("Live " + System.nanoTime()));
    for (int u = 0; u < 4; u++) {
      int n = u;
      users.add(
          SourceRows.write(
              dataSource,
              r -> r.user("live" + n + "-" + System.nanoTime() + "@x.org", organization)));
    }
  }

  public long project(Random random, int taskCount) {
    long project =
        SourceRows.write(dataSource, r -> r.project(organization, "live", CONFIG, users.get(0)));
    List<Long> tasks =
        SourceRows.write(dataSource, r -> r.tasks(project, taskCount, "'{\"t\": \"x\"}'::jsonb"));
    for (long task : tasks) {
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        annotate(project, task, random);
      }
    }
    return project;
  }

  public long annotate(long project, long task, Random random) {
    long user = users.get(random.nextInt(users.size()));
    String result = RandomResults.result(random);
    return SourceRows.write(dataSource, r -> r.annotation(task, project, user, result));
  }

  public long[] tasks(long project) {
    return jdbc
        .sql("SELECT id FROM task WHERE project_id = ? ORDER BY id")
        .param(project)
        .query(Long.class)
        .list()
        .stream()
        .mapToLong(Long::longValue)
        .toArray();
  }

  /** One random change as Label Studio makes it. */
  public Change change(long project, Random random) {
    long[] tasks = tasks(project);
    long task = tasks[random.nextInt(tasks.length)];
    List<Long> annotations =
        jdbc.sql("SELECT id FROM task_completion WHERE task_id = ? ORDER BY id")
            .param(task)
            .query(Long.class)
            .list();
    int op = random.nextInt(10);
    Change change;
    if (annotations.isEmpty() || op < 3) {
      change =
          new Change(Kind.ANNOTATION_CREATED, task, annotate(project, task, random), List.of());
    } else {
      long annotation = annotations.get(random.nextInt(annotations.size()));
      change = new Change(Kind.ANNOTATION_UPDATED, task, annotation, List.of());
      switch (op) {
        case 3, 4 ->
            update(
                "UPDATE task_completion SET result = CAST(? AS jsonb),"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                RandomResults.result(random),
                annotation);
        case 5 -> {
          update("DELETE FROM task_completion WHERE id = ?", annotation);
          change = new Change(Kind.ANNOTATION_DELETED, task, annotation, List.of());
        }
        case 6 ->
            update(
                "UPDATE task_completion SET ground_truth = NOT ground_truth,"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                annotation);
        case 7 ->
            update(
                "UPDATE task_completion SET was_cancelled = NOT was_cancelled,"
                    + " updated_at = clock_timestamp() WHERE id = ?",
                annotation);
        case 8 -> {
          update("DELETE FROM task_completion WHERE task_id = ?", task);
          update("DELETE FROM task WHERE id = ?", task);
          return new Change(Kind.TASK_DELETED, task, 0, annotations);
        }
        default -> {
          long created =
              SourceRows.write(dataSource, r -> r.tasks(project, 1, "'{\"t\": \"y\"}'::jsonb"))
                  .get(0);
          annotate(project, created, random);
          annotate(project, created, random);
          return new Change(Kind.TASK_CREATED, created, 0, List.of());
        }
      }
    }
    update("UPDATE task SET updated_at = clock_timestamp() WHERE id = ?", task);
    return change;
  }

  private void update(String sql, Object... params) {
    jdbc.sql(sql).params(params).update();
  }
}
