package io.agreement.api.backfill;

import io.agreement.common.delivery.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the backfill endpoints. */
@Configuration(proxyBeanMethods = false)
class BackfillConfiguration {

  @Bean
  BackfillRepository backfillRepository(JdbcClient jdbc) {
    return new BackfillRepository(jdbc);
  }

  @Bean
  BackfillService backfillService(
      BackfillRepository repo,
      TransactionTemplate tx,
      OutboxRelay relay,
      Clock clock,
      MeterRegistry meters) {
    return new BackfillService(repo, tx, relay, clock, meters);
  }
}
