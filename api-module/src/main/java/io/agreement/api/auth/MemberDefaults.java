package io.agreement.api.auth;

/**
 * @param role the role of a Community member who is not the organization's creator and has no grant
 *     ({@code AGREEMENT_MEMBER_ROLE})
 */
public record MemberDefaults(Role role) {}
