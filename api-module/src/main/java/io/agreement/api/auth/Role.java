package io.agreement.api.auth;

import java.util.Optional;

/** Organization member roles, as stored in organizations_organizationmember.role. */
public enum Role {
  OWNER,
  ADMINISTRATOR,
  MANAGER,
  REVIEWER,
  ANNOTATOR;

  static Optional<Role> parse(String value) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
