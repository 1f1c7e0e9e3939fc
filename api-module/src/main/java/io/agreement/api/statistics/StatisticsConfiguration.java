package io.agreement.api.statistics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the statistics endpoint. */
@Configuration(proxyBeanMethods = false)
class StatisticsConfiguration {

  @Bean
  StatisticsReader statisticsReader(JdbcClient jdbc, JsonMapper json) {
    return new StatisticsReader(jdbc, json);
  }
}
