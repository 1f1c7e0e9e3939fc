package io.agreement.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.agreement.api.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Label Studio's JWTs as djangorestframework-simplejwt makes them: HS256 with Label Studio's
 * SECRET_KEY, claims {@code token_type} ({@code refresh} for a personal access token, {@code
 * access} for what {@code /api/token/refresh/} gives), {@code exp}, {@code iat}, {@code jti} and
 * {@code user_id}. Every refusal is a 401 whose detail says what is wrong.
 */
final class LabelStudioTokens {

  /** simplejwt's ACCESS_TOKEN_LIFETIME in Label Studio. */
  static final Duration ACCESS_LIFETIME = Duration.ofMinutes(5);

  /** A verified token: whose it is and which one. */
  record Verified(long userId, Claim userIdClaim, String jti) {}

  private final Optional<Algorithm> algorithm;
  private final Clock clock;

  LabelStudioTokens(Optional<LabelStudioSecret> secret, Clock clock) {
    this.algorithm = secret.map(s -> Algorithm.HMAC256(s.bytes()));
    this.clock = clock;
  }

  /** Whether a credential is shaped like a JWT rather than a legacy key. */
  static boolean looksLikeJwt(String credential) {
    return credential.startsWith("eyJ") && credential.chars().filter(c -> c == '.').count() == 2;
  }

  Verified verify(String token, String expectedType) {
    Algorithm hs256 =
        algorithm.orElseThrow(
            () ->
                ApiException.unauthorized(
                    "Personal access tokens are not accepted here: the service has no"
                        + " LABEL_STUDIO_SECRET_KEY (Label Studio's SECRET_KEY) to check them with."
                        + " Use 'Authorization: Token <legacy API key>' or ask the operator to"
                        + " configure the secret"));
    DecodedJWT jwt = decode(token, hs256);
    String type = jwt.getClaim("token_type").asString();
    if (!expectedType.equals(type)) {
      throw ApiException.unauthorized(
          "Token has wrong type: expected a '"
              + expectedType
              + "' token, got '"
              + type
              + "'"
              + ("refresh".equals(type)
                  ? "; exchange a personal access token for an access token with POST"
                      + " /api/token/refresh/ {\"refresh\": \"<token>\"} first"
                  : ""));
    }
    Claim userId = jwt.getClaim("user_id");
    return new Verified(userId(userId), userId, jwt.getId());
  }

  /** A new access token for a verified refresh token, with the same user_id claim. */
  String access(Verified refresh) {
    Instant now = clock.instant();
    var builder =
        JWT.create()
            .withClaim("token_type", "access")
            .withExpiresAt(now.plus(ACCESS_LIFETIME))
            .withIssuedAt(now)
            .withJWTId(UUID.randomUUID().toString().replace("-", ""));
    builder =
        refresh.userIdClaim().asLong() != null && refresh.userIdClaim().asString() == null
            ? builder.withClaim("user_id", refresh.userId())
            : builder.withClaim("user_id", String.valueOf(refresh.userId()));
    return builder.sign(algorithm.orElseThrow());
  }

  private DecodedJWT decode(String token, Algorithm hs256) {
    JWTVerifier verifier =
        ((JWTVerifier.BaseVerification) JWT.require(hs256).withClaimPresence("exp")).build(clock);
    try {
      return verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw ApiException.unauthorized(
          "Token is invalid or expired: it expired at " + e.getExpiredOn());
    } catch (AlgorithmMismatchException e) {
      throw ApiException.unauthorized("Token is invalid: Label Studio signs its tokens with HS256");
    } catch (SignatureVerificationException e) {
      throw ApiException.unauthorized(
          "Token is invalid: its signature does not match Label Studio's SECRET_KEY");
    } catch (JWTDecodeException e) {
      throw ApiException.unauthorized("Token is invalid: it is not a well-formed JWT");
    } catch (JWTVerificationException e) {
      throw ApiException.unauthorized("Token is invalid: " + e.getMessage());
    }
  }

  /** simplejwt writes user_id as a string; older versions and other clients as a number. */
  private static long userId(Claim claim) {
    String text = claim.isMissing() || claim.isNull() ? null : claim.asString();
    Long number = claim.asLong();
    try {
      long id = text != null ? Long.parseLong(text.trim()) : number != null ? number : -1;
      if (id >= 1 && id <= Integer.MAX_VALUE) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.unauthorized("Token contained no recognizable user identification");
  }
}
