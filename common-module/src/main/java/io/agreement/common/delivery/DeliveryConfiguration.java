package io.agreement.common.delivery;

import io.agreement.common.time.DatabaseAlignedClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/** Wires the queue topology, the publisher and the outbox relay for the API and the workers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueueProperties.class, DeliveryProperties.class})
public class DeliveryConfiguration {

  /** The database's time, so that processes on hosts with skewed clocks agree on leases. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock(DataSource dataSource) {
    DatabaseAlignedClock clock = new DatabaseAlignedClock(Clock.systemUTC(), dataSource);
    clock.align();
    return clock;
  }

  @Bean
  ClockAlignment clockAlignment(Clock clock) {
    return new ClockAlignment(clock);
  }

  /**
   * Measures the offset to the database's clock again every minute, as clocks drift, and every few
   * seconds until a first measurement succeeds.
   */
  static final class ClockAlignment {
    private final Clock clock;

    ClockAlignment(Clock clock) {
      this.clock = clock;
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 5_000)
    void run() {
      if (clock instanceof DatabaseAlignedClock aligned) {
        aligned.alignIfDue();
      }
    }
  }

  @Bean
  Declarables jobQueueTopology(QueueProperties queue) {
    return QueueTopology.declarables(queue);
  }

  @Bean
  JobPublisher jobPublisher(
      RabbitTemplate rabbit,
      QueueProperties queue,
      JsonMapper json,
      DeliveryProperties delivery,
      MeterRegistry meters) {
    return new JobPublisher(rabbit, queue, json, delivery.confirmTimeout(), meters);
  }

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      JobPublisher publisher,
      Clock clock,
      DeliveryProperties delivery,
      MeterRegistry meters) {
    return new OutboxRelay(
        new OutboxRepository(jdbc),
        publisher,
        clock,
        delivery.relayGrace(),
        meters.counter("agreement.relay.republished"));
  }

  @Bean
  @ConditionalOnProperty(name = "agreement.delivery.relay-enabled", matchIfMissing = true)
  RelaySchedule relaySchedule(OutboxRelay relay) {
    return new RelaySchedule(relay);
  }

  /** Runs the relay on the configured interval. */
  static final class RelaySchedule {
    private final OutboxRelay relay;

    RelaySchedule(OutboxRelay relay) {
      this.relay = relay;
    }

    @Scheduled(
        fixedDelayString = "${agreement.delivery.relay-interval:5s}",
        initialDelayString = "${agreement.delivery.relay-interval:5s}")
    void run() {
      try {
        relay.relayPending();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(RelaySchedule.class)
            .warn("Outbox relay pass failed, will retry: {}", e.getMessage());
      }
    }
  }
}
