package io.agreement.api.metrics;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.job.JobStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Gauges read from PostgreSQL and RabbitMQ on a schedule and cached, so a scrape never queries
 * either: projects by the status of their latest job, tasks and backfilled tasks, queue depths.
 */
final class BackfillGauges {

  private static final Logger log = LoggerFactory.getLogger(BackfillGauges.class);

  private final JdbcClient jdbc;
  private final AmqpAdmin admin;
  private final QueueProperties queue;
  private final Map<JobStatus, AtomicLong> jobs = new EnumMap<>(JobStatus.class);
  private final AtomicLong projects = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong tasksBackfilled = new AtomicLong();
  private final AtomicLong ready = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();

  BackfillGauges(JdbcClient jdbc, AmqpAdmin admin, QueueProperties queue, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.admin = admin;
    this.queue = queue;
    for (JobStatus status : JobStatus.values()) {
      AtomicLong value = new AtomicLong();
      jobs.put(status, value);
      Gauge.builder("agreement.jobs", value, AtomicLong::get)
          .tag("status", status.name())
          .description("Projects by the status of their latest backfill job")
          .register(registry);
    }
    Gauge.builder("agreement.projects", projects, AtomicLong::get)
        .description("Live projects in all organizations")
        .register(registry);
    Gauge.builder("agreement.tasks", tasks, AtomicLong::get)
        .description("Tasks of live projects")
        .register(registry);
    Gauge.builder("agreement.tasks.backfilled", tasksBackfilled, AtomicLong::get)
        .description("Tasks of projects whose latest job completed")
        .register(registry);
    queueGauge(registry, "jobs", "ready", ready);
    queueGauge(registry, "jobs", "unacked", jobs.get(JobStatus.RUNNING));
    queueGauge(registry, "dead_letter", "ready", deadLetters);
  }

  private static void queueGauge(
      MeterRegistry registry, String name, String state, AtomicLong value) {
    Gauge.builder("agreement.queue.messages", value, AtomicLong::get)
        .tag("queue", name)
        .tag("state", state)
        .description(
            "Messages in the job and dead-letter queues; unacked jobs are the RUNNING ones")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${agreement.metrics.refresh-interval:10s}", initialDelay = 0)
  void refresh() {
    try {
      refreshDatabase();
    } catch (RuntimeException e) {
      log.debug("Could not refresh job gauges: {}", e.getMessage());
    }
    ready.set(depth(queue.name()));
    deadLetters.set(depth(queue.deadLetterQueue()));
  }

  private void refreshDatabase() {
    Map<String, Object> row =
        jdbc.sql(
                """
        WITH latest AS (
          SELECT DISTINCT ON (project_id) project_id, status, progress
          FROM agreement.backfill_job ORDER BY project_id, id DESC
        )
        SELECT count(*) FILTER (WHERE l.status = 'PENDING') AS pending,
               count(*) FILTER (WHERE l.status = 'QUEUED') AS queued,
               count(*) FILTER (WHERE l.status = 'RUNNING') AS running,
               count(*) FILTER (WHERE l.status = 'COMPLETED') AS completed,
               count(*) FILTER (WHERE l.status = 'FAILED') AS failed,
               count(*) FILTER (WHERE l.status = 'CANCELLED') AS cancelled,
               count(*) AS projects,
               coalesce(sum((l.progress ->> 'tasks_processed')::bigint)
                        FILTER (WHERE l.status = 'COMPLETED'), 0) AS backfilled
        FROM project p LEFT JOIN latest l ON l.project_id = p.id
        WHERE p.deleted_at IS NULL
        """)
            .query()
            .singleRow();
    for (JobStatus status : JobStatus.values()) {
      jobs.get(status).set(((Number) row.get(status.name().toLowerCase())).longValue());
    }
    projects.set(((Number) row.get("projects")).longValue());
    tasksBackfilled.set(((Number) row.get("backfilled")).longValue());
    tasks.set(
        jdbc.sql(
                """
        SELECT count(*) FROM task t JOIN project p ON p.id = t.project_id WHERE p.deleted_at IS NULL
        """)
            .query(Long.class)
            .single());
  }

  private long depth(String name) {
    try {
      QueueInformation info = admin.getQueueInfo(name);
      return info == null ? 0 : info.getMessageCount();
    } catch (RuntimeException e) {
      log.debug("Could not read the depth of queue {}: {}", name, e.getMessage());
      return 0;
    }
  }
}
