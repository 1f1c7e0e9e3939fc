package io.agreement.worker.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The schedule as a worker runs it by default: a sweep and a reconciliation without being asked.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SweepSchedulerIT {

  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.live.sweep-interval", () -> "1s");
    registry.add("spring.rabbitmq.listener.simple.auto-startup", () -> "false");
    registry.add("spring.rabbitmq.listener.direct.auto-startup", () -> "false");
  }

  @Autowired DataSource dataSource;
  @Autowired SweepScheduler scheduler;

  @Test
  void a_worker_sweeps_and_reconciles_on_its_own_and_a_change_gets_marked() {
    assertThat(scheduler.isRunning()).isTrue();
    SweepTestData data = new SweepTestData(dataSource);
    await("a first sweep")
        .atMost(Duration.ofSeconds(15))
        .until(() -> data.watermark() != null && lastReconcile(data) != null);

    long project = data.project();
    Instant now = data.databaseNow();
    long task = data.task(project, now);
    data.annotation(task, project, now);

    await("the change marked")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> data.marks().contains(SweepTestData.mark(project, task, "sweep")));
  }

  static Instant lastReconcile(SweepTestData data) {
    return data.jdbc()
        .sql("SELECT last_reconcile_at FROM agreement.sweep_state WHERE id = 1")
        .query((rs, n) -> Timestamps.instant(rs, 1))
        .list()
        .get(0);
  }
}
