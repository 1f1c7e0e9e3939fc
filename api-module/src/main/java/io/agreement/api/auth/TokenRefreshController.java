package io.agreement.api.auth;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.JsonBody;
import io.agreement.common.labelstudio.Account;
import io.agreement.common.labelstudio.LabelStudioAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/token/refresh/}: a personal access token (a JWT refresh token) for a 5-minute
 * access token, exactly as Label Studio answers it, so the SDK constructed with a PAT works here.
 */
@RestController
class TokenRefreshController {

  private final LabelStudioTokens tokens;
  private final LabelStudioAccounts accounts;
  private final JsonMapper json;

  TokenRefreshController(LabelStudioTokens tokens, LabelStudioAccounts accounts, JsonMapper json) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.json = json;
  }

  @SecurityRequirements
  @Operation(summary = "Exchange a Label Studio personal access token for a 5-minute access token")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = RefreshBody.class)))
  @PostMapping(
      value = {"/api/token/refresh", "/api/token/refresh/"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> refresh(@RequestBody(required = false) byte[] body) {
    LabelStudioTokens.Verified refresh = tokens.verify(refreshToken(body), "refresh");
    if (accounts.blacklisted(refresh.jti())) {
      throw ApiException.unauthorized("Token is blacklisted: it was revoked in Label Studio");
    }
    Account account =
        accounts
            .byUserId(refresh.userId())
            .orElseThrow(() -> ApiException.unauthorized("User not found"));
    Authenticator.requireActive(account);
    if (account.organizationId() != null && !account.apiTokensEnabled()) {
      throw ApiException.unauthorized(
          "Personal access tokens are disabled for organization " + account.organizationId());
    }
    return Map.of("access", tokens.access(refresh));
  }

  private String refreshToken(byte[] body) {
    JsonNode refresh = JsonBody.object(json, body, Set.of("refresh")).get("refresh");
    if (refresh == null || !refresh.isString() || refresh.asString().isBlank()) {
      throw ApiException.badRequest("refresh must be the personal access token, as a string");
    }
    return refresh.asString().trim();
  }
}
