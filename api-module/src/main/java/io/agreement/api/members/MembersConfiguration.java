package io.agreement.api.members;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Role grants of this service. */
@Configuration(proxyBeanMethods = false)
class MembersConfiguration {

  @Bean
  MemberGrants memberGrants(JdbcClient jdbc, Clock clock) {
    return new MemberGrants(jdbc, clock);
  }
}
