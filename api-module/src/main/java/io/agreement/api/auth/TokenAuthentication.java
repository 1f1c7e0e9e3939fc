package io.agreement.api.auth;

import io.agreement.api.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/** {@code Authorization: Token <key>} on every /api/ request, as Label Studio does it. */
final class TokenAuthentication implements HandlerInterceptor {

  static final String ATTRIBUTE = Caller.class.getName();
  private static final int MAX_KEY_LENGTH = 40;

  private final CallerRepository callers;

  TokenAuthentication(CallerRepository callers) {
    this.callers = callers;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    request.setAttribute(ATTRIBUTE, authenticate(request.getHeader("Authorization")));
    return true;
  }

  private Caller authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw ApiException.unauthorized(
          "Authentication credentials were not provided: send the header "
              + "'Authorization: Token <your API key>'");
    }
    String[] parts = header.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Token")) {
      throw ApiException.unauthorized(
          "Use the header format 'Authorization: Token <your API key>'");
    }
    String key = parts[1].trim();
    CallerRepository.TokenOwner owner =
        (key.length() > MAX_KEY_LENGTH ? null : callers.byToken(key).orElse(null));
    if (owner == null) {
      throw ApiException.unauthorized("Invalid token: no user has this API key");
    }
    if (!owner.active()) {
      throw ApiException.unauthorized("User inactive or deleted");
    }
    if (owner.organizationId() == null) {
      throw ApiException.forbidden("You are not an active member of your active organization");
    }
    Role role =
        Role.parse(owner.role())
            .orElseThrow(
                () ->
                    ApiException.forbidden(
                        "Your membership has an unknown role '" + owner.role() + "'"));
    return new Caller(owner.userId(), owner.email(), owner.organizationId(), role);
  }
}
