package io.agreement.api.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal access tokens made the way Label Studio makes them: a djangorestframework-simplejwt
 * refresh token (HS256 with SECRET_KEY; claims token_type, exp, iat, jti, user_id as a string),
 * recorded in token_blacklist_outstandingtoken without its signature.
 */
public final class PersonalAccessTokens {

  private final JdbcClient jdbc;
  private final String secret;

  public PersonalAccessTokens(JdbcClient jdbc, String secret) {
    this.jdbc = jdbc;
    this.secret = secret;
  }

  /** A new PAT of the user, valid for Label Studio's 200 years. */
  public String create(long userId) {
    return create(userId, Instant.now().plus(Duration.ofDays(365L * 200)), secret, "refresh");
  }

  public String create(long userId, Instant expiresAt, String signingKey, String tokenType) {
    Instant now = Instant.now();
    String jti = UUID.randomUUID().toString().replace("-", "");
    String token =
        JWT.create()
            .withClaim("token_type", tokenType)
            .withExpiresAt(expiresAt)
            .withIssuedAt(now)
            .withJWTId(jti)
            .withClaim("user_id", String.valueOf(userId))
            .sign(Algorithm.HMAC256(signingKey.getBytes(StandardCharsets.UTF_8)));
    String truncated = token.substring(0, token.lastIndexOf('.'));
    jdbc.sql(
            """
            INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti)
            VALUES (:token, :now, :exp, :user, :jti)
            """)
        .param("token", truncated)
        .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .param("exp", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
        .param("user", userId)
        .param("jti", jti)
        .update();
    return token;
  }

  /** Revokes the token as Label Studio's "revoke" button does. */
  public void blacklist(String token) {
    String jti = JWT.decode(token).getId();
    jdbc.sql(
            """
            INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id)
            SELECT now(), id FROM token_blacklist_outstandingtoken WHERE jti = :jti
            """)
        .param("jti", jti)
        .update();
  }
}
