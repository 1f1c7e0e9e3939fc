package io.agreement.api.refresh;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the refresh status endpoint. */
@Configuration(proxyBeanMethods = false)
class RefreshConfiguration {

  @Bean
  RefreshStatusRepository refreshStatusRepository(
      JdbcClient jdbc, PlatformTransactionManager transactions) {
    TransactionTemplate snapshot = new TransactionTemplate(transactions);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
    return new RefreshStatusRepository(jdbc, snapshot);
  }
}
