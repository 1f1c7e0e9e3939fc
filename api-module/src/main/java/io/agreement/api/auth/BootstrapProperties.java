package io.agreement.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First start: the organization, owner and token created when the database has no organization.
 *
 * @param organization title of the organization to create
 * @param email the owner's email; nothing is created when blank
 * @param token the owner's API key (at most 40 characters); nothing is created when blank
 */
@ConfigurationProperties("agreement.bootstrap")
public record BootstrapProperties(
    @DefaultValue("Default organization") String organization,
    @DefaultValue("") String email,
    @DefaultValue("") String token) {

  boolean configured() {
    return !email.isBlank() && !token.isBlank();
  }
}
