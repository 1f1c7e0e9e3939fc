package io.agreement.api.auth;

import io.agreement.common.labelstudio.Account;
import io.agreement.common.labelstudio.LabelStudioAccounts.Member;

/**
 * A member's role and where it comes from, in SPEC 7's order: a grant of this service, then Label
 * Studio Enterprise's role column, then Community's rule (the organization's creator is OWNER,
 * every other member the configured default).
 *
 * @param role what the member may do; null for no access at all (Enterprise's deactivated and not
 *     activated members, or a role value nobody knows)
 * @param source {@code grant}, {@code label_studio}, {@code creator} or {@code default}
 * @param why for a member without access, the sentence that says why
 */
public record EffectiveRole(Role role, String source, String why) {

  public static EffectiveRole of(Account account, Role defaultRole) {
    return resolve(
        account.grantedRole(), account.labelStudioRole(), account.creator(), defaultRole);
  }

  public static EffectiveRole of(Member member, Role defaultRole) {
    return resolve(member.grantedRole(), member.labelStudioRole(), member.creator(), defaultRole);
  }

  static EffectiveRole resolve(
      String granted, String labelStudioRole, boolean creator, Role defaultRole) {
    if (granted != null) {
      return Role.parse(granted)
          .map(role -> new EffectiveRole(role, "grant", null))
          .orElseGet(() -> none("grant", "granted role '" + granted + "' is not known"));
    }
    if (labelStudioRole != null && !labelStudioRole.isBlank()) {
      return fromLabelStudio(labelStudioRole);
    }
    return creator
        ? new EffectiveRole(Role.OWNER, "creator", null)
        : new EffectiveRole(defaultRole, "default", null);
  }

  /** Enterprise's codes (OW, AD, ...) or their names, spelled out in any case. */
  private static EffectiveRole fromLabelStudio(String value) {
    Role role =
        switch (Role.normalized(value)) {
          case "OW", "OWNER" -> Role.OWNER;
          case "AD", "ADMINISTRATOR", "ADMIN" -> Role.ADMINISTRATOR;
          case "MA", "MANAGER" -> Role.MANAGER;
          case "RE", "REVIEWER" -> Role.REVIEWER;
          case "AN", "ANNOTATOR" -> Role.ANNOTATOR;
          // View only: may read what a manager reads, and nothing more.
          case "VO", "VIEWONLY" -> Role.MANAGER;
          default -> null;
        };
    if (role != null) {
      return new EffectiveRole(role, "label_studio", null);
    }
    return switch (Role.normalized(value)) {
      case "DI", "DEACTIVATED" ->
          none("label_studio", "your membership is deactivated in Label Studio");
      case "NO", "NOTACTIVATED" ->
          none("label_studio", "your membership is not activated yet in Label Studio");
      default -> none("label_studio", "Label Studio's role '" + value + "' is not known");
    };
  }

  private static EffectiveRole none(String source, String why) {
    return new EffectiveRole(null, source, why);
  }
}
