package io.agreement.api.metrics;

import io.agreement.common.live.LiveProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Live refresh's backlog (SPEC 9), read on a schedule and cached like the backfill gauges: dirty
 * tasks, projects with any, the oldest mark's age, the refresh and its dead-letter queue's depth.
 */
final class LiveGauges {

  private static final Logger log = LoggerFactory.getLogger(LiveGauges.class);

  private final JdbcClient jdbc;
  private final AmqpAdmin admin;
  private final LiveProperties live;
  private final AtomicLong dirtyTasks = new AtomicLong();
  private final AtomicLong dirtyProjects = new AtomicLong();
  private final AtomicLong oldestMarkMillis = new AtomicLong();
  private final AtomicLong ready = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();

  LiveGauges(JdbcClient jdbc, AmqpAdmin admin, LiveProperties live, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.admin = admin;
    this.live = live;
    Gauge.builder("agreement.live.backlog.tasks", dirtyTasks, AtomicLong::get)
        .description("Tasks marked dirty and not refreshed yet")
        .register(registry);
    Gauge.builder("agreement.live.backlog.projects", dirtyProjects, AtomicLong::get)
        .description("Projects with tasks marked dirty")
        .register(registry);
    Gauge.builder("agreement.live.backlog.oldest", oldestMarkMillis, v -> v.get() / 1000.0)
        .description("Age of the oldest dirty mark")
        .baseUnit("seconds")
        .register(registry);
    queueGauge(registry, "refresh", ready);
    queueGauge(registry, "refresh_dead_letter", deadLetters);
  }

  private static void queueGauge(MeterRegistry registry, String name, AtomicLong value) {
    Gauge.builder("agreement.queue.messages", value, AtomicLong::get)
        .tag("queue", name)
        .tag("state", "ready")
        .description("Messages in the refresh queue and its dead-letter queue")
        .register(registry);
  }

  @Scheduled(fixedDelayString = "${agreement.metrics.refresh-interval:10s}", initialDelay = 0)
  void refresh() {
    try {
      Map<String, Object> row =
          jdbc.sql(
                  """
                  SELECT count(*) AS tasks, count(DISTINCT project_id) AS projects,
                         coalesce(extract(epoch FROM clock_timestamp() - min(marked_at)) * 1000, 0)
                             AS oldest
                  FROM agreement.dirty_task
                  """)
              .query()
              .singleRow();
      dirtyTasks.set(((Number) row.get("tasks")).longValue());
      dirtyProjects.set(((Number) row.get("projects")).longValue());
      oldestMarkMillis.set(((Number) row.get("oldest")).longValue());
    } catch (RuntimeException e) {
      log.debug("Could not refresh the live refresh gauges: {}", e.getMessage());
    }
    ready.set(depth(live.queue()));
    deadLetters.set(depth(live.deadLetterQueue()));
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
