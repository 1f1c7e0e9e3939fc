package io.agreement.common.labelstudio;

/**
 * A Label Studio user as authentication and role resolution see it.
 *
 * @param userId the user
 * @param email the user's email
 * @param active htx_user.is_active
 * @param organizationId the active organization, null without an active membership there
 * @param creator whether the user created that organization
 * @param labelStudioRole Label Studio Enterprise's role code or name; null in Community
 * @param grantedRole the role granted through this service; null without a grant
 * @param legacyTokensEnabled the organization's jwt_auth_jwtsettings.legacy_api_tokens_enabled
 * @param apiTokensEnabled the organization's jwt_auth_jwtsettings.api_tokens_enabled
 */
public record Account(
    long userId,
    String email,
    boolean active,
    Long organizationId,
    boolean creator,
    String labelStudioRole,
    String grantedRole,
    boolean legacyTokensEnabled,
    boolean apiTokensEnabled) {}
