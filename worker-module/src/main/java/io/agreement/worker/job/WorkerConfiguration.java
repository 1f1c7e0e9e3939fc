package io.agreement.worker.job;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the job pipeline: listener, runner, backfill, heartbeats, reaper and shutdown. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  @Bean
  WorkerMetrics workerMetrics(MeterRegistry registry) {
    return new WorkerMetrics(registry);
  }

  @Bean
  JobRepository jobRepository(JdbcClient jdbc) {
    return new JobRepository(jdbc);
  }

  @Bean(destroyMethod = "close")
  Heartbeats heartbeats(JobRepository jobs, Clock clock, WorkerProperties props) {
    return new Heartbeats(jobs, clock, props.heartbeatInterval(), Math.max(1, props.concurrency()));
  }

  @Bean
  JobRunner jobRunner(
      DataSource dataSource,
      JobRepository jobs,
      Heartbeats heartbeats,
      WorkerMetrics metrics,
      WorkerProperties props,
      Clock clock,
      OutboxRelay relay,
      DirtyMarks marks,
      ConfigChanges configChanges) {
    ProjectBackfill backfill =
        new ProjectBackfill(dataSource, new ScorerFactory(), clock, props, metrics);
    return new JobRunner(
        jobs,
        backfill,
        heartbeats,
        metrics,
        props,
        clock,
        relay,
        (project, completed) -> {
          marks.requestIfMarked(project);
          if (completed) {
            configChanges.requeueIfStale(project);
          }
        });
  }

  @Bean
  Warmup warmup(DataSource dataSource, WorkerProperties props) {
    return new Warmup(dataSource, props.warmupAnnotations(), props.chunkSize());
  }

  @Bean
  JobListener jobListener(
      JobRunner runner, JsonMapper json, WorkerMetrics metrics, WorkerProperties props) {
    return new JobListener(runner, json, metrics, props.retryBackoff().multipliedBy(5));
  }

  @Bean
  StaleJobReaper staleJobReaper(
      JobRepository jobs,
      OutboxRelay relay,
      Clock clock,
      WorkerProperties props,
      WorkerMetrics metrics,
      AmqpAdmin admin,
      QueueProperties queue) {
    return new StaleJobReaper(
        jobs, relay, clock, props.lease(), metrics, () -> readyMessages(admin, queue));
  }

  /** Unknown counts as not empty, so a broker that cannot answer never triggers re-publishing. */
  private static long readyMessages(AmqpAdmin admin, QueueProperties queue) {
    QueueInformation info = admin.getQueueInfo(queue.name());
    return info == null ? -1 : info.getMessageCount();
  }

  @Bean
  GracefulShutdown gracefulShutdown(JobRunner runner, WorkerProperties props) {
    return new GracefulShutdown(runner, props.shutdownGrace());
  }

  /** Lets a job finish or hand itself back before the container gives up on it. */
  @Bean
  ContainerCustomizer<SimpleMessageListenerContainer> jobContainerCustomizer(
      WorkerProperties props) {
    return container ->
        container.setShutdownTimeout(props.shutdownGrace().plusSeconds(20).toMillis());
  }
}
