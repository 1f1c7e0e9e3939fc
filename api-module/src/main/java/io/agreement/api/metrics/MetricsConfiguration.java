package io.agreement.api.metrics;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.live.LiveProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The API's backfill and live refresh gauges. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  BackfillGauges backfillGauges(
      JdbcClient jdbc, AmqpAdmin admin, QueueProperties queue, MeterRegistry registry) {
    return new BackfillGauges(jdbc, admin, queue, registry);
  }

  @Bean
  LiveGauges liveGauges(
      JdbcClient jdbc, AmqpAdmin admin, LiveProperties live, MeterRegistry registry) {
    return new LiveGauges(jdbc, admin, live, registry);
  }
}
