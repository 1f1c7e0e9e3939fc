package io.agreement.worker.sweep;

import static io.agreement.worker.sweep.SweepTestData.mark;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.generate.DataGenerator;
import io.agreement.common.generate.GeneratedOrganization;
import io.agreement.common.generate.GeneratorOptions;
import io.agreement.testsupport.TestServices;
import io.agreement.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sweep and the reconciliation after the worker's own backfill and refresh: what they stored is
 * what the comparisons read (fingerprints computed in Java by the scorer, in SQL by the sweep), so
 * an untouched project has no change, and a change refreshed is not found again.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SweepAfterBackfillIT {

  static final TestServices.Environment ENV = TestServices.isolatedEnvironment();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    ENV.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("agreement.live.sweep-enabled", () -> "false");
  }

  @Autowired DataSource dataSource;
  @Autowired Sweeper sweeper;
  @Autowired RabbitTemplate rabbit;
  @Autowired QueueProperties queue;

  @Test
  void a_backfilled_project_is_unchanged_and_a_refreshed_change_is_not_found_again()
      throws Exception {
    SweepTestData data = new SweepTestData(dataSource);
    data.quiet();
    GeneratedOrganization org =
        new DataGenerator(dataSource)
            .generate(
                new GeneratorOptions(1, 8, 3, 0.7, 0, 7L, "Sweep after backfill", null, null));
    long project = org.projectIds().get(0);
    long job = backfill(data, org, project);
    await("backfill " + job)
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(data, job).equals("COMPLETED"));

    Reconciliation.Result reconciled = sweeper.reconcile().orElseThrow();
    Sweep.Result swept = sweeper.sweep().orElseThrow();

    assertThat(reconciled.projects()).isEqualTo(1);
    assertThat(reconciled.changed()).as("stored fingerprints equal Label Studio's").isZero();
    assertThat(swept.changed()).isZero();
    assertThat(data.marks()).isEmpty();

    long task = data.firstTask(project);
    long annotation = data.firstAnnotation(task);
    Instant now = data.databaseNow();
    data.edit(annotation, now);
    data.bump(task, now);
    sweeper.sweep().orElseThrow();
    assertThat(data.marks()).containsExactly(mark(project, task, "sweep"));

    await("the refresh of the mark")
        .atMost(Duration.ofSeconds(30))
        .until(() -> data.marks().isEmpty());
    assertThat(sweeper.sweep().orElseThrow().changed()).isZero();
    assertThat(sweeper.reconcile().orElseThrow().changed()).isZero();
    assertThat(data.marks()).isEmpty();
  }

  private long backfill(SweepTestData data, GeneratedOrganization org, long project) {
    long job =
        data.jdbc()
            .sql(
                "INSERT INTO agreement.backfill_job (organization_id, project_id, status,"
                    + " queued_at) VALUES (?, ?, 'QUEUED', now()) RETURNING id")
            .params(org.organizationId(), project)
            .query(Long.class)
            .single();
    byte[] body =
        "{\"job_id\":%d,\"project_id\":%d,\"organization_id\":%d}"
            .formatted(job, project, org.organizationId())
            .getBytes(StandardCharsets.UTF_8);
    rabbit.send(
        queue.exchange(),
        QueueProperties.ROUTING_KEY,
        MessageBuilder.withBody(body).setContentType(MessageProperties.CONTENT_TYPE_JSON).build());
    return job;
  }

  private static String status(SweepTestData data, long job) {
    return data.jdbc()
        .sql("SELECT status FROM agreement.backfill_job WHERE id = ?")
        .params(job)
        .query(String.class)
        .single();
  }
}
