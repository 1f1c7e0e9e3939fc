package io.agreement.worker.sweep;

import static io.agreement.worker.sweep.SweepTestData.mark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agreement.common.labelstudio.LabelStudioAnnotations;
import io.agreement.common.labelstudio.LabelStudioChanges;
import io.agreement.common.labelstudio.LabelStudioChanges.Fingerprint;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.LiveProperties;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sweep and the reconciliation against real PostgreSQL and RabbitMQ: Label Studio rows are
 * changed the way Label Studio changes them (or the ways that leave no timestamp), the service's
 * state is stored as a refresh leaves it, and each pass is stepped by hand (the schedule is off) to
 * check exactly which tasks it marks, and from which source.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SweepIT {

  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();
  static final Duration OVERLAP = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.live.sweep-enabled", () -> "false");
    registry.add("agreement.live.sweep-overlap", () -> "30s");
    registry.add("agreement.live.sweep-interval", () -> "10s");
    registry.add("agreement.live.reconcile-interval", () -> "5m");
    registry.add("agreement.live.republish-after", () -> "10s");
    // Nothing consumes here: the marks and messages stay where the passes left them.
    registry.add("spring.rabbitmq.listener.simple.auto-startup", () -> "false");
    registry.add("spring.rabbitmq.listener.direct.auto-startup", () -> "false");
  }

  @Autowired DataSource dataSource;
  @Autowired Sweeper sweeper;
  @Autowired SweepScheduler scheduler;
  @Autowired DirtyMarks marks;
  @Autowired ConfigChanges configs;
  @Autowired LiveProperties live;
  @Autowired MeterRegistry meters;
  @Autowired RabbitAdmin admin;

  SweepTestData data;

  /** The watermark each test starts from: an hour ago, so nothing is in the future. */
  Instant w;

  /** Long before the window: what was there when the project was scored. */
  Instant old;

  @BeforeEach
  void setUp() {
    data = new SweepTestData(dataSource);
    data.quiet();
    w = data.databaseNow().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
    old = w.minus(Duration.ofDays(1));
    data.watermark(w);
  }

  Sweep.Result sweep() throws SQLException {
    return sweeper.sweep().orElseThrow();
  }

  Reconciliation.Result reconcile() throws SQLException {
    return sweeper.reconcile().orElseThrow();
  }

  /** A scored project of two tasks of two annotations each, saved long ago. */
  final class Scored {
    final long project = data.project();
    final long a = data.task(project, old);
    final long b = data.task(project, old);
    final long a1 = data.annotation(a, project, old);
    final long a2 = data.annotation(a, project, old.plusMillis(1));
    final long b1 = data.annotation(b, project, old);
    final long b2 = data.annotation(b, project, old.plusMillis(1));

    Scored() {
      data.scored(project, true);
    }
  }

  @Test
  void the_schedule_is_off_here() {
    assertThat(live.sweepEnabled()).isFalse();
    assertThat(scheduler.isRunning()).isFalse();
  }

  @Nested
  class Sweeping {

    @Test
    void an_edited_annotation_marks_its_task_and_an_unchanged_bumped_task_is_not_marked()
        throws SQLException {
      Scored s = new Scored();
      Instant at = w.plusSeconds(5);
      data.edit(s.a1, at);
      data.bump(s.a, at);
      data.bump(s.b, at.minusSeconds(1)); // a task edit: no annotation changed

      Sweep.Result result = sweep();

      assertThat(data.marks()).containsExactly(mark(s.project, s.a, "sweep"));
      assertThat(result.examined()).isEqualTo(2);
      assertThat(result.changed()).isEqualTo(1);
      assertThat(data.watermark()).isEqualTo(at);
    }

    @Test
    void a_created_annotation_and_a_new_annotated_task_are_marked_but_an_empty_task_is_not()
        throws SQLException {
      Scored s = new Scored();
      Instant at = w.plusSeconds(3);
      data.annotation(s.a, s.project, at);
      data.bump(s.a, at);
      long imported = data.task(s.project, at);
      data.annotation(imported, s.project, at);
      long empty = data.task(s.project, at);

      sweep();

      assertThat(data.marks())
          .containsExactly(mark(s.project, s.a, "sweep"), mark(s.project, imported, "sweep"));
      assertThat(empty).isNotIn(s.a, imported);
    }

    @Test
    void a_single_delete_bumps_the_task_and_is_found_including_the_last_annotation()
        throws SQLException {
      Scored s = new Scored();
      data.deleteAnnotation(s.a1);
      data.bump(s.a, w.plusSeconds(1));
      data.deleteAnnotation(s.b1);
      data.deleteAnnotation(s.b2);
      data.bump(s.b, w.plusSeconds(2));

      sweep();

      assertThat(data.marks())
          .containsExactly(mark(s.project, s.a, "sweep"), mark(s.project, s.b, "sweep"));
    }

    @Test
    void a_cancelled_flip_and_a_ground_truth_flag_are_changes() throws SQLException {
      Scored s = new Scored();
      data.set(s.a2, "was_cancelled", true);
      data.bump(s.a, w.plusSeconds(1));
      data.set(s.b1, "ground_truth", true);
      data.bump(s.b, w.plusSeconds(1));

      sweep();

      assertThat(data.marks())
          .containsExactly(mark(s.project, s.a, "sweep"), mark(s.project, s.b, "sweep"));
    }

    @Test
    void a_late_commit_inside_the_overlap_is_found_and_one_beyond_it_only_by_reconciliation()
        throws SQLException {
      Scored s = new Scored();
      Instant late = w.minusSeconds(10);
      data.edit(s.a1, late);
      data.bump(s.a, late);
      Instant tooLate = w.minus(OVERLAP).minusSeconds(30);
      data.edit(s.b1, tooLate);
      data.bump(s.b, tooLate);

      sweep();

      assertThat(data.marks()).containsExactly(mark(s.project, s.a, "sweep"));
      assertThat(data.watermark()).as("never backwards").isEqualTo(w);

      data.clearMarks();
      reconcile();

      assertThat(data.marks())
          .as("a is not refreshed yet, so it is still changed")
          .containsExactly(mark(s.project, s.a, "reconcile"), mark(s.project, s.b, "reconcile"));
    }

    @Test
    void tasks_read_again_in_the_overlap_are_not_marked_again_once_refreshed() throws SQLException {
      Scored s = new Scored();
      Instant at = w.plusSeconds(5);
      data.edit(s.a1, at);
      data.bump(s.a, at);
      data.bump(s.b, at);
      sweep();
      assertThat(data.marks()).containsExactly(mark(s.project, s.a, "sweep"));

      data.scored(s.project, true); // the refresh stored a's new fingerprint
      data.clearMarks();
      Sweep.Result again = sweep();

      assertThat(again.examined()).as("both are inside the overlap window").isEqualTo(2);
      assertThat(data.marks()).isEmpty();
    }

    @Test
    void tasks_of_an_unscored_project_are_marked_when_they_change() throws SQLException {
      long project = data.project();
      long task = data.task(project, w.plusSeconds(1));
      data.annotation(task, project, w.plusSeconds(1));

      sweep();

      assertThat(data.marks()).containsExactly(mark(project, task, "sweep"));
    }

    @Test
    void a_task_moved_to_another_project_is_marked_in_both() throws SQLException {
      Scored s = new Scored();
      long other = data.project();
      data.jdbc()
          .sql("UPDATE task SET project_id = ?, updated_at = ? WHERE id = ?")
          .params(other, SweepTestData.utc(w.plusSeconds(1)), s.a)
          .update();

      sweep();

      assertThat(data.marks())
          .containsExactlyInAnyOrder(mark(s.project, s.a, "sweep"), mark(other, s.a, "sweep"));
    }

    @Test
    void a_backlog_larger_than_a_batch_is_streamed_and_marked_in_full() throws SQLException {
      Sweeper small = newSweeper(dataSource, new SimpleMeterRegistry(), 2);
      long p1 = data.project();
      long p2 = data.project();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        long project = i % 2 == 0 ? p1 : p2;
        long task = data.task(project, w.plusSeconds(i + 1));
        data.annotation(task, project, w);
        expected.add(mark(project, task, "sweep"));
      }
      Scored s = new Scored();
      data.deleteAnnotation(s.a1);
      data.deleteAnnotation(s.b1);
      expected.add(mark(s.project, s.a, "reconcile"));
      expected.add(mark(s.project, s.b, "reconcile"));

      Sweep.Result swept = small.sweep().orElseThrow();
      Reconciliation.Result reconciled = small.reconcile().orElseThrow();

      assertThat(swept.examined()).isEqualTo(7);
      assertThat(swept.changed()).isEqualTo(7);
      assertThat(reconciled.changed()).isEqualTo(2);
      assertThat(data.marks()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(data.watermark()).isEqualTo(w.plusSeconds(7));
    }

    @Test
    void a_fresh_install_starts_at_the_database_clock_less_the_overlap() throws SQLException {
      data.jdbc().sql("UPDATE agreement.sweep_state SET watermark = NULL").update();
      Instant now = data.databaseNow();
      long project = data.project();
      long recent = data.task(project, now.minusSeconds(10));
      data.annotation(recent, project, now.minusSeconds(10));
      long older = data.task(project, now.minus(Duration.ofMinutes(5)));
      data.annotation(older, project, now.minus(Duration.ofMinutes(5)));

      sweep();

      assertThat(data.marks()).containsExactly(mark(project, recent, "sweep"));
      assertThat(data.watermark()).isAfterOrEqualTo(now).isBeforeOrEqualTo(data.databaseNow());
    }

    @Test
    void a_timestamp_in_the_future_does_not_carry_the_watermark_past_now() throws SQLException {
      long project = data.project();
      Instant future = data.databaseNow().plus(Duration.ofDays(365));
      long task = data.task(project, future);
      data.annotation(task, project, future);

      sweep();

      assertThat(data.marks()).containsExactly(mark(project, task, "sweep"));
      assertThat(data.watermark()).isBefore(future.minus(Duration.ofDays(364)));
    }

    @Test
    void a_changed_label_config_makes_the_project_stale_and_queues_one_forced_backfill()
        throws SQLException {
      Scored s = new Scored();
      data.jdbc()
          .sql("UPDATE project SET label_config = label_config || ' ', updated_at = ? WHERE id = ?")
          .params(SweepTestData.utc(w.plusSeconds(1)), s.project)
          .update();

      Sweep.Result result = sweep();
      sweep();

      assertThat(result.projectsChecked()).isEqualTo(1);
      assertThat(stale(s.project)).isTrue();
      assertThat(configChangeJobs(s.project)).isEqualTo(1);
      assertThat(configs.check(s.project)).isEqualTo(ConfigChanges.Outcome.ALREADY_QUEUED);
      assertThat(data.marks()).isEmpty();
    }
  }

  boolean stale(long project) {
    return data.jdbc()
        .sql("SELECT stale FROM agreement.project_agreement WHERE project_id = ?")
        .params(project)
        .query(Boolean.class)
        .single();
  }

  long configChangeJobs(long project) {
    return data.jdbc()
        .sql(
            "SELECT count(*) FROM agreement.backfill_job WHERE project_id = ?"
                + " AND trigger_mode = 'config_change'")
        .params(project)
        .query(Long.class)
        .single();
  }

  @Nested
  class Reconciling {

    @Test
    void a_raw_delete_without_a_bump_is_found_only_by_reconciliation() throws SQLException {
      Scored s = new Scored();
      data.deleteAnnotation(s.a1);

      sweep();
      assertThat(data.marks()).isEmpty();

      Reconciliation.Result result = reconcile();

      assertThat(data.marks()).containsExactly(mark(s.project, s.a, "reconcile"));
      assertThat(result.changed()).isEqualTo(1);
    }

    @Test
    void a_task_deleted_with_its_annotations_by_the_cascade_is_found() throws SQLException {
      Scored s = new Scored();
      data.deleteTask(s.b);

      reconcile();

      assertThat(data.marks()).containsExactly(mark(s.project, s.b, "reconcile"));
    }

    @Test
    void a_task_unlinked_from_its_project_is_found() throws SQLException {
      Scored s = new Scored();
      data.unlink(s.a);

      sweep();
      assertThat(data.marks()).as("unlinking leaves no timestamp").isEmpty();
      reconcile();

      assertThat(data.marks()).containsExactly(mark(s.project, s.a, "reconcile"));
    }

    @Test
    void ground_truth_flags_cleared_in_bulk_without_a_bump_are_found() throws SQLException {
      Scored s = new Scored();
      data.set(s.a1, "ground_truth", true);
      data.set(s.b2, "ground_truth", true);
      data.scored(s.project, true);
      data.jdbc()
          .sql("UPDATE task_completion SET ground_truth = false WHERE project_id = ?")
          .params(s.project)
          .update();

      reconcile();

      assertThat(data.marks())
          .containsExactly(mark(s.project, s.a, "reconcile"), mark(s.project, s.b, "reconcile"));
    }

    @Test
    void an_unchanged_project_is_not_marked() throws SQLException {
      Scored s = new Scored();

      Reconciliation.Result result = reconcile();

      assertThat(result.projects()).isEqualTo(1);
      assertThat(result.changed()).isZero();
      assertThat(data.marks()).isEmpty();
      assertThat(stale(s.project)).isFalse();
    }

    @Test
    void without_a_completed_backfill_only_tasks_already_scored_count() throws SQLException {
      long project = data.project();
      long scoredTask = data.task(project, old);
      long scoredAnnotation = data.annotation(scoredTask, project, old);
      data.scored(project, false);
      long unscored = data.task(project, old);
      data.annotation(unscored, project, old);
      data.deleteAnnotation(scoredAnnotation);

      reconcile();

      assertThat(data.marks()).containsExactly(mark(project, scoredTask, "reconcile"));
    }

    @Test
    void after_a_completed_backfill_an_unscored_annotated_task_is_a_change() throws SQLException {
      Scored s = new Scored();
      long unscored = data.task(s.project, old);
      data.annotation(unscored, s.project, old);

      reconcile();

      assertThat(data.marks()).containsExactly(mark(s.project, unscored, "reconcile"));
    }

    @Test
    void unscored_and_soft_deleted_projects_are_not_compared() throws SQLException {
      long unscored = data.project();
      long task = data.task(unscored, old);
      data.annotation(task, unscored, old);
      Scored deleted = new Scored();
      data.deleteAnnotation(deleted.a1);
      data.jdbc()
          .sql("UPDATE project SET deleted_at = now() WHERE id = ?")
          .params(deleted.project)
          .update();

      Reconciliation.Result result = reconcile();

      assertThat(result.projects()).isZero();
      assertThat(data.marks()).isEmpty();
    }

    @Test
    void a_config_changed_without_a_timestamp_is_found() throws SQLException {
      Scored s = new Scored();
      data.jdbc()
          .sql(
              "UPDATE project SET control_weights = '{\"sentiment\": {\"overall\": 2}}' WHERE id = ?")
          .params(s.project)
          .update();

      sweep();
      assertThat(stale(s.project)).isFalse();
      reconcile();

      assertThat(stale(s.project)).isTrue();
      assertThat(configChangeJobs(s.project)).isEqualTo(1);
    }
  }

  @Nested
  class Schedule {

    @Test
    void a_tick_runs_what_is_due_and_a_webhook_without_payload_asks_for_a_sweep_now()
        throws SQLException {
      Sweeper.Tick first = sweeper.tick().orElseThrow();
      assertThat(first.sweep()).as("never swept").isNotNull();
      assertThat(first.reconcile()).as("never reconciled").isNotNull();

      Sweeper.Tick second = sweeper.tick().orElseThrow();
      assertThat(second.sweep()).as("the interval has not elapsed").isNull();
      assertThat(second.reconcile()).isNull();

      data.jdbc()
          .sql("UPDATE agreement.sweep_state SET sweep_requested_at = clock_timestamp()")
          .update();
      Sweeper.Tick requested = sweeper.tick().orElseThrow();
      assertThat(requested.sweep()).isNotNull();
      assertThat(requested.reconcile()).isNull();

      assertThat(sweeper.tick().orElseThrow().sweep()).as("the request was served").isNull();

      data.jdbc()
          .sql(
              "UPDATE agreement.sweep_state SET last_sweep_at = clock_timestamp() - interval '11 s',"
                  + " last_reconcile_at = clock_timestamp() - interval '6 min'")
          .update();
      Sweeper.Tick elapsed = sweeper.tick().orElseThrow();
      assertThat(elapsed.sweep()).isNotNull();
      assertThat(elapsed.reconcile()).isNotNull();
    }

    @Test
    void only_one_sweeper_runs_a_pass_at_a_time_and_the_lock_goes_with_the_pass()
        throws SQLException {
      long project = data.project();
      long task = data.task(project, w.plusSeconds(1));
      data.annotation(task, project, w.plusSeconds(1));
      SweepLock otherWorker = new SweepLock(dataSource);

      Optional<Optional<Sweeper.Tick>> whileHeld =
          otherWorker.runExclusive(
              c -> {
                assertThat(advisoryLocks()).isEqualTo(1);
                return sweeper.tick();
              });

      assertThat(whileHeld).isPresent();
      assertThat(whileHeld.get()).as("the other worker holds the lock").isEmpty();
      assertThat(data.marks()).isEmpty();
      assertThat(advisoryLocks()).as("released before the connection went back").isZero();

      assertThat(sweeper.tick()).isPresent();
      assertThat(data.marks()).containsExactly(mark(project, task, "sweep"));
      assertThat(advisoryLocks()).isZero();
    }

    @Test
    void two_sweepers_ticking_together_run_each_pass_once() throws Exception {
      Sweeper second = newSweeper(dataSource, meters);
      long project = data.project();
      long task = data.task(project, w.plusSeconds(1));
      data.annotation(task, project, w.plusSeconds(1));
      List<Optional<Sweeper.Tick>> ticks = new ArrayList<>();
      Thread other =
          new Thread(
              () -> {
                try {
                  synchronized (ticks) {
                    ticks.add(second.tick());
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      other.start();
      Optional<Sweeper.Tick> mine = sweeper.tick();
      other.join(10_000);
      synchronized (ticks) {
        ticks.add(mine);
      }

      long sweeps = ticks.stream().flatMap(Optional::stream).filter(t -> t.sweep() != null).count();
      assertThat(sweeps).as("whoever came second found the lock taken or the sweep done").isOne();
      assertThat(data.marks()).containsExactly(mark(project, task, "sweep"));
    }

    @Test
    void refresh_requests_whose_refresh_has_not_started_are_published_again() throws SQLException {
      data.jdbc()
          .sql(
              "INSERT INTO agreement.refresh_request (project_id, requested_at, published_at)"
                  + " VALUES (901, clock_timestamp() - interval '1 min', NULL),"
                  + " (902, clock_timestamp() - interval '1 min', clock_timestamp() - interval '20 s'),"
                  + " (903, clock_timestamp() - interval '1 min', clock_timestamp()),"
                  + " (904, clock_timestamp(), NULL),"
                  + " (905, clock_timestamp() - interval '1 min', NULL)")
          .update();
      // Requests with marks to refresh; 905's marks were covered (by a backfill) meanwhile.
      data.jdbc()
          .sql(
              "INSERT INTO agreement.dirty_task (project_id, task_id, source)"
                  + " SELECT p, 1, 'webhook' FROM unnest(ARRAY[901, 902, 903, 904]) AS p")
          .update();
      long before = admin.getQueueInfo(live.queue()).getMessageCount();

      int republished = sweeper.republish().orElseThrow();

      assertThat(republished).isEqualTo(3);
      assertThat(
              data.jdbc()
                  .sql("SELECT count(*) FROM agreement.refresh_request WHERE project_id = 905")
                  .query(Long.class)
                  .single())
          .as("a request with nothing left to refresh is removed")
          .isZero();
      assertThat(
              data.jdbc()
                  .sql(
                      "SELECT project_id FROM agreement.refresh_request"
                          + " WHERE published_at > clock_timestamp() - interval '5 s'"
                          + " ORDER BY project_id")
                  .query(Long.class)
                  .list())
          .containsExactly(901L, 902L, 903L);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> admin.getQueueInfo(live.queue()).getMessageCount() == before + 2);
      assertThat(sweeper.republish().orElseThrow()).as("just published").isZero();
    }

    @Test
    void marks_left_without_a_request_get_one() throws SQLException {
      data.jdbc()
          .sql(
              "INSERT INTO agreement.dirty_task (project_id, task_id, source, last_marked_at)"
                  + " VALUES (911, 1, 'webhook', clock_timestamp() - interval '1 min'),"
                  + " (912, 1, 'webhook', clock_timestamp())")
          .update();

      assertThat(sweeper.republish().orElseThrow()).isEqualTo(1);
      assertThat(
              data.jdbc()
                  .sql(
                      "SELECT project_id FROM agreement.refresh_request"
                          + " WHERE project_id IN (911, 912)")
                  .query(Long.class)
                  .list())
          .containsExactly(911L);
    }

    @Test
    void a_database_outage_is_logged_and_retried_not_thrown() {
      DriverManagerDataSource down =
          new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none", "postgres", "");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      Sweeper unreachable = newSweeper(down, registry);

      unreachable.run();
      unreachable.run();

      assertThat(registry.counter("agreement.live.sweep.failures").count()).isEqualTo(2);
    }

    @Test
    void a_missing_state_row_is_named_and_the_schedule_survives_it() throws SQLException {
      data.jdbc().sql("DELETE FROM agreement.sweep_state").update();
      double failures = meters.counter("agreement.live.sweep.failures").count();
      try {
        assertThatThrownBy(() -> sweeper.tick())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("agreement.sweep_state has no row with id 1");
        sweeper.run();
        assertThat(meters.counter("agreement.live.sweep.failures").count()).isEqualTo(failures + 1);
        assertThat(advisoryLocks()).as("released after the failure").isZero();
      } finally {
        data.jdbc().sql("INSERT INTO agreement.sweep_state (id) VALUES (1)").update();
      }
      assertThat(sweeper.tick()).isPresent();
    }

    @Test
    void passes_are_timed_and_examined_tasks_counted() throws SQLException {
      long project = data.project();
      data.task(project, w.plusSeconds(1));
      data.task(project, w.plusSeconds(2));
      double examined = meters.counter("agreement.live.sweep.tasks.examined").count();
      long sweeps = meters.timer("agreement.live.sweep.duration").count();
      long reconciliations = meters.timer("agreement.live.reconcile.duration").count();

      sweep();
      reconcile();

      assertThat(meters.counter("agreement.live.sweep.tasks.examined").count())
          .isEqualTo(examined + 2);
      assertThat(meters.timer("agreement.live.sweep.duration").count()).isEqualTo(sweeps + 1);
      assertThat(meters.timer("agreement.live.reconcile.duration").count())
          .isEqualTo(reconciliations + 1);
    }
  }

  Sweeper newSweeper(DataSource source, MeterRegistry registry) {
    return newSweeper(source, registry, 100);
  }

  /** A sweeper of its own, as another worker process has, marking {@code batch} tasks at most. */
  Sweeper newSweeper(DataSource source, MeterRegistry registry, int batch) {
    return new Sweeper(
        new SweepLock(source),
        JdbcClient.create(source),
        new Sweep(marks, configs, live.sweepOverlap(), batch),
        new Reconciliation(marks, configs, batch),
        marks,
        live,
        new SweepMetrics(registry));
  }

  long advisoryLocks() {
    return data.jdbc()
        .sql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND ((classid::bigint << 32) | objid::bigint) = ?")
        .params(SweepLock.KEY)
        .query(Long.class)
        .single();
  }

  @Nested
  class Fingerprints {

    @Test
    void the_java_fingerprint_equals_the_sql_one_over_what_a_scorer_reads() throws SQLException {
      long project = data.project();
      long task = data.task(project, old);
      long other = data.task(project, old);
      Instant[] times = {
        Instant.parse("2026-03-04T05:06:07.123456Z"),
        Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("2031-01-01T00:00:00.000001Z"),
        Instant.parse("2026-03-04T05:06:07.999999Z")
      };
      long[] ids = new long[times.length];
      for (int i = 0; i < times.length; i++) {
        ids[i] = data.annotation(i < 3 ? task : other, project, times[i]);
      }
      data.set(ids[0], "ground_truth", true);
      data.set(ids[3], "ground_truth", true);
      long cancelled = data.annotation(task, project, times[0].plusSeconds(1));
      data.set(cancelled, "was_cancelled", true);

      Map<Long, String> sql = new java.util.TreeMap<>();
      data.jdbc()
          .sql(LabelStudioChanges.PROJECT_FINGERPRINTS)
          .params(project)
          .query((RowCallbackHandler) rs -> sql.put(rs.getLong(1), rs.getString(2)));
      Map<Long, String> java = new java.util.TreeMap<>();
      Map<Long, Fingerprint> open = new java.util.TreeMap<>();
      data.jdbc()
          .sql(LabelStudioAnnotations.BY_TASK)
          .params(project)
          .query(
              rs -> {
                long annotation = rs.getLong(2);
                if (!rs.wasNull()) {
                  open.computeIfAbsent(rs.getLong(1), t -> new Fingerprint())
                      .add(annotation, rs.getTimestamp(6), rs.getBoolean(5));
                }
              });
      open.forEach((t, f) -> java.put(t, f.toString()));

      assertThat(java).isEqualTo(sql).containsOnlyKeys(task, other);
      assertThat(sql.get(task))
          .isEqualTo(
              "3:%d:%d:%d"
                  .formatted(
                      ids[0] + ids[1] + ids[2],
                      1772600767123456L
                          - 1
                          + 1924992000000001L /* -1: 1969-12-31T23:59:59.999999Z */,
                      ids[0]));
      assertThat(sql.get(other))
          .isEqualTo("1:%d:%d:%d".formatted(ids[3], 1772600767999999L, ids[3]));
    }
  }
}
