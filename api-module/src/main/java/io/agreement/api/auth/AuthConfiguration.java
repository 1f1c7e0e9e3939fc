package io.agreement.api.auth;

import io.agreement.api.web.LabelStudioProperties;
import io.agreement.common.labelstudio.LabelStudioAccounts;
import io.agreement.common.labelstudio.LabelStudioSchema;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Label Studio's credentials and roles: its tables (as this database has them), its SECRET_KEY for
 * personal access tokens, and the role of Community members without a grant.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  /** The JdbcClient waits for the migrations, so the detected tables are the migrated ones. */
  @Bean
  LabelStudioAccounts labelStudioAccounts(JdbcClient jdbc) {
    return new LabelStudioAccounts(jdbc, LabelStudioSchema.detect(jdbc));
  }

  @Bean
  LabelStudioTokens labelStudioTokens(Clock clock, LabelStudioProperties labelStudio) {
    return new LabelStudioTokens(
        LabelStudioSecret.from(labelStudio.secretKey(), labelStudio.secretKeyFile()), clock);
  }

  /** AGREEMENT_MEMBER_ROLE: what a Community member other than the creator may do. */
  @Bean
  MemberDefaults memberDefaults(@Value("${agreement.member-role:ANNOTATOR}") String role) {
    return new MemberDefaults(
        Role.parse(role)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "AGREEMENT_MEMBER_ROLE must be one of OWNER, ADMINISTRATOR, MANAGER,"
                            + " REVIEWER, ANNOTATOR; got '"
                            + role
                            + "'")));
  }

  @Bean
  Authenticator authenticator(
      LabelStudioAccounts accounts, LabelStudioTokens tokens, MemberDefaults defaults) {
    return new Authenticator(accounts, tokens, defaults.role());
  }
}
