package io.agreement.api.webhooks;

import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.live.ConfigChanges;
import io.agreement.common.live.DirtyMarks;
import io.agreement.common.live.LiveProperties;
import io.agreement.common.live.RefreshQueue;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the webhook receiver on a connection pool of its own ({@link WebhookDatabase}): its marks
 * and config checks run there, the messages they publish go out as everyone's do.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean(destroyMethod = "close")
  WebhookDatabase webhookDatabase(
      DataSource dataSource, WebhookProperties props, MeterRegistry meters) {
    return WebhookDatabase.beside(dataSource, props, meters);
  }

  @Bean
  WebhookReceiver webhookReceiver(
      WebhookDatabase database,
      RefreshQueue queue,
      OutboxRelay relay,
      LiveProperties live,
      MeterRegistry meters) {
    return new WebhookReceiver(
        database.jdbc(),
        new DirtyMarks(database.jdbc(), queue, meters),
        new ConfigChanges(database.jdbc(), relay, queue, live.autoBackfill()));
  }

  @Bean
  WebhookParser webhookParser(JsonMapper json) {
    return new WebhookParser(json);
  }
}
