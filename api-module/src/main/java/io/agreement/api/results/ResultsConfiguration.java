package io.agreement.api.results;

import io.agreement.api.settings.EffectiveSettings;
import io.agreement.api.web.TaskLinks;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the results endpoints. */
@Configuration(proxyBeanMethods = false)
class ResultsConfiguration {

  @Bean
  SummaryReader summaryReader(
      JdbcClient jdbc, EffectiveSettings settings, PlatformTransactionManager txManager) {
    return new SummaryReader(new SummaryRepository(jdbc), settings, snapshot(txManager));
  }

  @Bean
  TaskReader taskReader(
      JdbcClient jdbc,
      DataSource dataSource,
      PlatformTransactionManager txManager,
      TaskLinks links) {
    JdbcTemplate streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(1000);
    return new TaskReader(
        new TaskResultsRepository(jdbc, JdbcClient.create(streaming)), snapshot(txManager), links);
  }

  /**
   * A worker replaces a project's results in one transaction; one snapshot never sees half of that.
   */
  private static TransactionTemplate snapshot(PlatformTransactionManager txManager) {
    TransactionTemplate tx = new TransactionTemplate(txManager);
    tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    tx.setReadOnly(true);
    return tx;
  }
}
