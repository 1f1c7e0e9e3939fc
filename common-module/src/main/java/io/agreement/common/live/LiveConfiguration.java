package io.agreement.common.live;

import io.agreement.common.delivery.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires live refresh's queue and marks for the API and the workers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveProperties.class)
public class LiveConfiguration {

  @Bean
  Declarables refreshQueueTopology(LiveProperties live) {
    return RefreshQueue.declarables(live);
  }

  @Bean(destroyMethod = "close")
  RefreshQueue refreshQueue(RabbitTemplate rabbit, LiveProperties live) {
    return new RefreshQueue(rabbit, live);
  }

  @Bean
  ConfigChanges configChanges(
      JdbcClient jdbc, OutboxRelay relay, RefreshQueue queue, LiveProperties live) {
    return new ConfigChanges(jdbc, relay, queue, live.autoBackfill());
  }

  @Bean
  DirtyMarks dirtyMarks(JdbcClient jdbc, RefreshQueue queue, MeterRegistry meters) {
    return new DirtyMarks(jdbc, queue, meters);
  }
}
