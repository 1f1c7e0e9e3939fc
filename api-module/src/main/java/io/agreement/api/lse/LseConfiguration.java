package io.agreement.api.lse;

import io.agreement.common.labelstudio.LabelStudioUsers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires Label Studio Enterprise's agreement read API (SPEC 8). */
@Configuration(proxyBeanMethods = false)
class LseConfiguration {

  @Bean
  StatsReader statsReader(JdbcClient jdbc, PlatformTransactionManager txManager) {
    return new StatsReader(
        new PairRepository(jdbc), new LabelStudioUsers(jdbc), snapshot(txManager));
  }

  @Bean
  TaskMatrixReader taskMatrixReader(JdbcClient jdbc, PlatformTransactionManager txManager) {
    return new TaskMatrixReader(
        new TaskPairsRepository(jdbc), new LabelStudioUsers(jdbc), snapshot(txManager));
  }

  @Bean
  DataQualityReader dataQualityReader(JdbcClient jdbc, PlatformTransactionManager txManager) {
    return new DataQualityReader(new DataQualityRepository(jdbc), snapshot(txManager));
  }

  /** A worker replaces a project's results in one transaction; one snapshot sees all or none. */
  private static TransactionTemplate snapshot(PlatformTransactionManager txManager) {
    TransactionTemplate tx = new TransactionTemplate(txManager);
    tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    tx.setReadOnly(true);
    return tx;
  }
}
