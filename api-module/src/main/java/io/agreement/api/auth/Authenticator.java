package io.agreement.api.auth;

import io.agreement.api.web.ApiException;
import io.agreement.common.labelstudio.Account;
import io.agreement.common.labelstudio.LabelStudioAccounts;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller of an /api/ request, from the same credentials Label Studio takes: a legacy API key
 * ({@code Authorization: Token <key>} or {@code X-API-Key: <key>}) or an access token made from a
 * personal access token ({@code Authorization: Bearer <jwt>}, or the JWT as {@code X-API-Key}).
 */
final class Authenticator {

  private static final int MAX_LEGACY_KEY_LENGTH = 40;
  private static final int MAX_CREDENTIAL_LENGTH = 8192;

  private final LabelStudioAccounts accounts;
  private final LabelStudioTokens tokens;
  private final Role defaultRole;

  Authenticator(LabelStudioAccounts accounts, LabelStudioTokens tokens, Role defaultRole) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.defaultRole = defaultRole;
  }

  Caller authenticate(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      return fromAuthorization(authorization.trim());
    }
    String apiKey = request.getHeader("X-API-Key");
    if (apiKey != null && !apiKey.isBlank()) {
      String credential = checked(apiKey.trim());
      return LabelStudioTokens.looksLikeJwt(credential) ? bearer(credential) : legacy(credential);
    }
    throw ApiException.unauthorized(
        "Authentication credentials were not provided: send 'Authorization: Token <API key>' or"
            + " 'Authorization: Bearer <access token>'");
  }

  private Caller fromAuthorization(String header) {
    String[] parts = header.split("\\s+", 2);
    if (parts.length == 2 && parts[0].equalsIgnoreCase("Token")) {
      return legacy(checked(parts[1].trim()));
    }
    if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
      return bearer(checked(parts[1].trim()));
    }
    throw ApiException.unauthorized(
        "Use the header format 'Authorization: Token <API key>' or 'Authorization: Bearer <access"
            + " token>'");
  }

  private static String checked(String credential) {
    if (credential.length() > MAX_CREDENTIAL_LENGTH
        || !credential.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw ApiException.unauthorized("Invalid token: it has characters no token has");
    }
    return credential;
  }

  private Caller legacy(String key) {
    Account account =
        (key.length() > MAX_LEGACY_KEY_LENGTH ? null : accounts.byLegacyKey(key).orElse(null));
    if (account == null) {
      if (LabelStudioTokens.looksLikeJwt(key)) {
        throw ApiException.unauthorized(
            "This is a JWT, not a legacy API key: send it as 'Authorization: Bearer <access"
                + " token>', after exchanging a personal access token at /api/token/refresh/");
      }
      throw ApiException.unauthorized("Invalid token: no user has this API key");
    }
    Caller caller = caller(account);
    if (!account.legacyTokensEnabled()) {
      throw ApiException.unauthorized(
          "Authentication token no longer valid: legacy token authentication has been disabled"
              + " for organization "
              + account.organizationId()
              + "; use a personal access token");
    }
    return caller;
  }

  private Caller bearer(String jwt) {
    LabelStudioTokens.Verified token = tokens.verify(jwt, "access");
    Account account =
        accounts
            .byUserId(token.userId())
            .orElseThrow(() -> ApiException.unauthorized("User not found"));
    Caller caller = caller(account);
    if (!account.apiTokensEnabled()) {
      throw ApiException.unauthorized(
          "Personal access tokens are disabled for organization " + account.organizationId());
    }
    return caller;
  }

  /** The account's caller; 401 for an inactive user, 403 without an active membership or role. */
  private Caller caller(Account account) {
    requireActive(account);
    if (account.organizationId() == null) {
      throw ApiException.forbidden("You are not an active member of your active organization");
    }
    EffectiveRole role = EffectiveRole.of(account, defaultRole);
    if (role.role() == null) {
      throw ApiException.forbidden("No access to agreement: " + role.why());
    }
    return new Caller(account.userId(), account.email(), account.organizationId(), role.role());
  }

  static void requireActive(Account account) {
    if (!account.active()) {
      throw ApiException.unauthorized("User is inactive");
    }
  }
}
