package io.agreement.worker.sweep;

import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.LiveProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the sweep and the reconciliation (SPEC 9); they run when {@code
 * agreement.live.sweep-enabled} is on, ticking every second.
 */
@Configuration(proxyBeanMethods = false)
class SweepConfiguration {

  static final Duration TICK = Duration.ofSeconds(1);

  @Bean
  Sweeper sweeper(
      DataSource dataSource,
      JdbcClient jdbc,
      DirtyMarks marks,
      ConfigChanges configs,
      LiveProperties live,
      MeterRegistry meters) {
    SweepSettings.check(live);
    int batch = live.refreshBatch();
    return new Sweeper(
        new SweepLock(dataSource),
        jdbc,
        new Sweep(marks, configs, live.sweepOverlap(), batch),
        new Reconciliation(marks, configs, batch),
        marks,
        live,
        new SweepMetrics(meters));
  }

  @Bean
  SweepScheduler sweepScheduler(Sweeper sweeper, LiveProperties live) {
    return new SweepScheduler(sweeper, TICK, live.sweepEnabled());
  }
}
