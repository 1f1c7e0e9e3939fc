package io.agreement.api.members;

import io.agreement.api.auth.EffectiveRole;
import io.agreement.common.labelstudio.LabelStudioAccounts.Member;
import org.jspecify.annotations.Nullable;

/**
 * A member as {@code GET /api/agreement/members/} lists it.
 *
 * @param role the effective role; null for a member with no access
 * @param source where the role comes from: {@code grant} (this service), {@code label_studio}
 *     (Enterprise's role column), {@code creator} (the organization's creator, Community) or {@code
 *     default} ({@code AGREEMENT_MEMBER_ROLE}, Community)
 * @param labelStudioRole Enterprise's stored role, null in Community
 * @param grantedRole the role granted through this service, null without a grant
 */
record MemberView(
    long userId,
    String email,
    String firstName,
    String lastName,
    @Nullable String role,
    String source,
    @Nullable String labelStudioRole,
    @Nullable String grantedRole) {

  static MemberView of(Member member, EffectiveRole role) {
    return new MemberView(
        member.userId(),
        member.email(),
        member.firstName(),
        member.lastName(),
        role.role() == null ? null : role.role().name(),
        role.source(),
        member.labelStudioRole(),
        member.grantedRole());
  }
}
