package io.agreement.api.auth;

import java.util.Locale;
import java.util.Optional;

/** Organization member roles, in decreasing order of what they may do. */
public enum Role {
  OWNER,
  ADMINISTRATOR,
  MANAGER,
  REVIEWER,
  ANNOTATOR;

  /** A role as the service stores and accepts it: its name, in any letter case. */
  public static Optional<Role> parse(String value) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** Whether this role may grant {@code other}: nobody grants above their own role. */
  public boolean mayGrant(Role other) {
    return ordinal() <= other.ordinal();
  }

  static String normalized(String labelStudioValue) {
    return labelStudioValue.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]", "");
  }
}
