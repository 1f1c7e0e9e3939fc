package io.agreement.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.agreement.common.job.JobMessage;
import io.agreement.testsupport.Migrations;
import io.agreement.testsupport.TestServices;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job state transitions on a real database, stepped with instants the test chooses: a claim is
 * one conditional UPDATE, and heartbeat, fail and release only act on a job this worker holds.
 */
class JobRepositoryIT {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final AtomicLong PROJECTS = new AtomicLong(1000);

  private static HikariDataSource dataSource;
  private static JdbcClient jdbc;
  private static JobRepository jobs;

  /** The test's clock: every step moves it explicitly. */
  private Instant now = Instant.parse("2030-01-01T10:00:00Z");

  @BeforeAll
  static void database() {
    TestServices.Environment env = TestServices.isolatedEnvironment();
    dataSource = Migrations.migratedPool(env, 8);
    jdbc = JdbcClient.create(dataSource);
    jobs = new JobRepository(jdbc);
  }

  @AfterAll
  static void closeDatabase() {
    dataSource.close();
  }

  private Optional<ClaimedJob> claim(long job, String worker) {
    return jobs.claim(job, worker, now, now.minus(LEASE));
  }

  private static long job(String status) {
    return jdbc.sql(
            """
            INSERT INTO agreement.backfill_job (organization_id, project_id, status)
            VALUES (1, :p, :s) RETURNING id
            """)
        .param("p", PROJECTS.incrementAndGet())
        .param("s", status)
        .query(Long.class)
        .single();
  }

  private static String status(long job) {
    return field(job, "status");
  }

  private static String field(long job, String column) {
    return jdbc.sql("SELECT " + column + "::text FROM agreement.backfill_job WHERE id = :id")
        .param("id", job)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static Instant heartbeat(long job) {
    return jdbc.sql("SELECT heartbeat_at FROM agreement.backfill_job WHERE id = :id")
        .param("id", job)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private static int attempts(long job) {
    return Integer.parseInt(field(job, "attempts"));
  }

  private static String row(long job) {
    return jdbc.sql("SELECT row_to_json(j)::text FROM agreement.backfill_job j WHERE id = :id")
        .param("id", job)
        .query(String.class)
        .single();
  }

  @Nested
  class Claim {

    @Test
    void claims_a_queued_job_once_and_counts_the_attempt() {
      long job = job("QUEUED");

      Optional<ClaimedJob> claimed = claim(job, "w1");

      assertThat(claimed)
          .hasValueSatisfying(
              c -> {
                assertThat(c.jobId()).isEqualTo(job);
                assertThat(c.attempts()).isEqualTo(1);
                assertThat(c.workerId()).isEqualTo("w1");
                assertThat(c.organizationId()).isEqualTo(1);
              });
      assertThat(status(job)).isEqualTo("RUNNING");
      assertThat(field(job, "worker_id")).isEqualTo("w1");
      assertThat(heartbeat(job)).isEqualTo(now);
      assertThat(attempts(job)).isEqualTo(1);
    }

    @Test
    void claims_a_pending_job_whose_confirm_has_not_been_recorded_yet() {
      long job = job("PENDING");

      assertThat(claim(job, "w1")).isPresent();
      assertThat(status(job)).isEqualTo("RUNNING");
    }

    @Test
    void a_second_claim_fails_while_the_holder_beats_and_succeeds_once_its_heartbeat_is_stale() {
      long job = job("QUEUED");
      assertThat(claim(job, "w1")).isPresent();
      String held = row(job);

      now = now.plus(LEASE).minusSeconds(1);
      assertThat(claim(job, "w2")).as("heartbeat still within the lease").isEmpty();
      assertThat(row(job)).isEqualTo(held);

      now = now.plusSeconds(2);
      Optional<ClaimedJob> takenOver = claim(job, "w2");
      assertThat(takenOver).hasValueSatisfying(c -> assertThat(c.attempts()).isEqualTo(2));
      assertThat(field(job, "worker_id")).isEqualTo("w2");
      assertThat(heartbeat(job)).isEqualTo(now);
    }

    @Test
    void a_heartbeat_keeps_the_job_from_being_taken_over() {
      long job = job("QUEUED");
      ClaimedJob held = claim(job, "w1").orElseThrow();

      now = now.plus(LEASE).minusSeconds(5);
      assertThat(jobs.heartbeat(held, now, "{\"tasks_processed\":7}")).isTrue();
      now = now.plusSeconds(10);

      assertThat(claim(job, "w2")).isEmpty();
      assertThat(field(job, "progress")).contains("\"tasks_processed\": 7");
    }

    @Test
    void never_claims_a_finished_or_missing_job() {
      for (String status : List.of("COMPLETED", "FAILED", "CANCELLED")) {
        long job = job(status);
        String before = row(job);
        assertThat(claim(job, "w1")).as(status).isEmpty();
        assertThat(row(job)).isEqualTo(before);
      }
      assertThat(claim(Long.MAX_VALUE, "w1")).isEmpty();
    }

    @Test
    void a_claim_clears_the_error_of_an_earlier_attempt() {
      long job = job("QUEUED");
      jdbc.sql(
              "UPDATE agreement.backfill_job SET error_message = 'old', attempts = 2 WHERE id = :id")
          .param("id", job)
          .update();

      assertThat(claim(job, "w1")).hasValueSatisfying(c -> assertThat(c.attempts()).isEqualTo(3));
      assertThat(field(job, "error_message")).isNull();
    }
  }

  @Nested
  class Ownership {

    @Test
    void the_holder_can_beat_fail_and_release_its_job() {
      long beating = job("QUEUED");
      ClaimedJob a = claim(beating, "w1").orElseThrow();
      now = now.plusSeconds(3);
      assertThat(jobs.heartbeat(a, now, "{}")).isTrue();
      assertThat(heartbeat(beating)).isEqualTo(now);

      long failing = job("QUEUED");
      ClaimedJob b = claim(failing, "w1").orElseThrow();
      assertThat(jobs.fail(b, "bad label config", now)).isTrue();
      assertThat(status(failing)).isEqualTo("FAILED");
      assertThat(field(failing, "error_message")).isEqualTo("bad label config");
      assertThat(field(failing, "completed_at")).isNotNull();

      long releasing = job("QUEUED");
      ClaimedJob c = claim(releasing, "w1").orElseThrow();
      assertThat(jobs.release(c, true)).map(JobMessage::jobId).contains(releasing);
      assertThat(status(releasing)).as("back in the outbox").isEqualTo("PENDING");
      assertThat(field(releasing, "worker_id")).isNull();
      assertThat(field(releasing, "heartbeat_at")).isNull();
      assertThat(attempts(releasing)).as("a failed attempt stays counted").isEqualTo(1);

      ClaimedJob again = claim(releasing, "w2").orElseThrow();
      assertThat(again.attempts()).isEqualTo(2);
      assertThat(jobs.release(again, false)).isPresent();
      assertThat(attempts(releasing)).as("a clean hand-back gives its attempt back").isEqualTo(1);
    }

    @Test
    void heartbeat_fail_and_release_return_false_once_another_worker_took_the_job_over() {
      long job = job("QUEUED");
      ClaimedJob stale = claim(job, "w1").orElseThrow();
      now = now.plus(LEASE).plusSeconds(1);
      claim(job, "w2").orElseThrow();
      String takenOver = row(job);

      assertThat(jobs.heartbeat(stale, now, "{}")).isFalse();
      assertThat(jobs.fail(stale, "late failure", now)).isFalse();
      assertThat(jobs.release(stale, true)).isEmpty();
      assertThat(row(job)).as("the new holder's row is untouched").isEqualTo(takenOver);
    }

    @Test
    void heartbeat_fail_and_release_return_false_once_the_job_is_cancelled() {
      long job = job("QUEUED");
      ClaimedJob held = claim(job, "w1").orElseThrow();
      jdbc.sql("UPDATE agreement.backfill_job SET status = 'CANCELLED' WHERE id = :id")
          .param("id", job)
          .update();
      String cancelled = row(job);

      assertThat(jobs.heartbeat(held, now, "{}")).isFalse();
      assertThat(jobs.fail(held, "x", now)).isFalse();
      assertThat(jobs.release(held, true)).isEmpty();
      assertThat(row(job)).isEqualTo(cancelled);
    }

    @Test
    void heartbeat_fail_and_release_return_false_once_the_reaper_rescued_the_job() {
      long job = job("QUEUED");
      ClaimedJob held = claim(job, "w1").orElseThrow();
      now = now.plus(LEASE).plusSeconds(1);
      assertThat(jobs.rescueStale(now.minus(LEASE))).extracting(JobMessage::jobId).contains(job);

      assertThat(jobs.heartbeat(held, now, "{}")).isFalse();
      assertThat(jobs.fail(held, "x", now)).isFalse();
      assertThat(jobs.release(held, true)).isEmpty();
      assertThat(status(job)).isEqualTo("PENDING");
    }
  }

  @Nested
  class RescueStale {

    @Test
    void puts_only_running_jobs_with_a_stale_heartbeat_back_into_the_outbox() {
      // Other tests' rows share the table; put them out of this test's way.
      jdbc.sql("UPDATE agreement.backfill_job SET status = 'CANCELLED' WHERE status = 'RUNNING'")
          .update();
      Instant start = now;
      long stale = job("QUEUED");
      ClaimedJob staleHolder = claim(stale, "dead").orElseThrow();
      long completed = job("QUEUED");
      ClaimedJob done = claim(completed, "w1").orElseThrow();
      jdbc.sql("UPDATE agreement.backfill_job SET status = 'COMPLETED' WHERE id = :id")
          .param("id", completed)
          .update();
      long fresh = job("QUEUED");
      now = start.plus(LEASE).minusSeconds(10);
      claim(fresh, "alive").orElseThrow();
      long queued = job("QUEUED");
      String freshRow = row(fresh);
      String queuedRow = row(queued);
      String completedRow = row(completed);

      now = start.plus(LEASE).plusSeconds(1);
      List<JobMessage> rescued = jobs.rescueStale(now.minus(LEASE));

      assertThat(rescued).containsExactly(new JobMessage(stale, staleHolder.projectId(), 1));
      assertThat(status(stale)).isEqualTo("PENDING");
      assertThat(field(stale, "worker_id")).isNull();
      assertThat(field(stale, "heartbeat_at")).isNull();
      assertThat(attempts(stale)).isEqualTo(1);
      assertThat(row(fresh)).isEqualTo(freshRow);
      assertThat(row(queued)).isEqualTo(queuedRow);
      assertThat(row(completed))
          .as("a finished job with an old heartbeat is not rescued")
          .isEqualTo(completedRow);
      assertThat(done.workerId()).isEqualTo("w1");

      assertThat(jobs.rescueStale(now.minus(LEASE))).as("a second pass finds nothing").isEmpty();
    }
  }

  @Nested
  class Concurrency {

    @Test
    void four_workers_claiming_the_same_job_at_once_yield_exactly_one_winner() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int round = 0; round < 25; round++) {
          long job = job("QUEUED");
          CountDownLatch go = new CountDownLatch(1);
          List<Future<Optional<ClaimedJob>>> claims = new ArrayList<>();
          for (int w = 0; w < 4; w++) {
            String worker = "w" + w;
            Callable<Optional<ClaimedJob>> attempt =
                () -> {
                  go.await();
                  return jobs.claim(job, worker, now, now.minus(LEASE));
                };
            claims.add(pool.submit(attempt));
          }
          go.countDown();
          List<ClaimedJob> winners = new ArrayList<>();
          for (Future<Optional<ClaimedJob>> claim : claims) {
            claim.get(10, TimeUnit.SECONDS).ifPresent(winners::add);
          }
          assertThat(winners).as("round %d", round).hasSize(1);
          assertThat(attempts(job)).isEqualTo(1);
          assertThat(field(job, "worker_id")).isEqualTo(winners.get(0).workerId());
        }
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void four_workers_taking_over_the_same_stale_job_yield_exactly_one_winner() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        long job = job("QUEUED");
        claim(job, "dead").orElseThrow();
        Instant later = now.plus(LEASE).plusSeconds(1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<ClaimedJob>>> claims = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          String worker = "w" + w;
          claims.add(
              pool.submit(
                  () -> {
                    go.await();
                    return jobs.claim(job, worker, later, later.minus(LEASE));
                  }));
        }
        go.countDown();
        long winners = 0;
        for (Future<Optional<ClaimedJob>> claim : claims) {
          winners += claim.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(attempts(job)).isEqualTo(2);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
