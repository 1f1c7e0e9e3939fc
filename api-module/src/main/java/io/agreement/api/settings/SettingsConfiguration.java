package io.agreement.api.settings;

import io.agreement.common.live.ConfigChanges;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the settings endpoints and the project lookup the results endpoints share. */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

  @Bean
  ProjectScope projectScope(JdbcClient jdbc) {
    return new ProjectScope(jdbc);
  }

  @Bean
  SettingsRepository settingsRepository(JdbcClient jdbc, JsonMapper json) {
    return new SettingsRepository(jdbc, json);
  }

  @Bean
  EffectiveSettings effectiveSettings(SettingsRepository repo) {
    return new EffectiveSettings(repo);
  }

  @Bean
  DimensionIds dimensionIds(JdbcClient jdbc) {
    return new DimensionIds(jdbc);
  }

  @Bean
  DimensionObjects dimensionObjects(EffectiveSettings effective, DimensionIds ids) {
    return new DimensionObjects(effective, ids);
  }

  @Bean
  SettingsService settingsService(
      SettingsRepository repo, TransactionTemplate tx, DimensionIds ids, ConfigChanges changes) {
    return new SettingsService(repo, tx, ids, changes);
  }
}
