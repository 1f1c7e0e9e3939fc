package io.agreement.worker.refresh;

import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.LiveProperties;
import io.agreement.worker.job.ScorerFactory;
import io.agreement.worker.job.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires live refresh in the worker: its listener, the refresh and its metrics. */
@Configuration(proxyBeanMethods = false)
class RefreshConfiguration {

  @Bean
  RefreshMetrics refreshMetrics(MeterRegistry registry) {
    return new RefreshMetrics(registry);
  }

  @Bean
  ProjectRefresh projectRefresh(
      DataSource dataSource,
      DirtyMarks marks,
      ConfigChanges configChanges,
      Clock clock,
      LiveProperties live,
      WorkerProperties worker,
      RefreshMetrics metrics) {
    return new ProjectRefresh(
        dataSource,
        new ScorerFactory(),
        marks,
        configChanges,
        clock,
        live.refreshBatch(),
        live.refreshLockWait(),
        metrics);
  }

  @Bean
  RefreshListener refreshListener(
      ProjectRefresh refresh, JsonMapper json, RefreshMetrics metrics, WorkerProperties worker) {
    return new RefreshListener(refresh, json, metrics, worker.retryBackoff().multipliedBy(5));
  }
}
