package io.agreement.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.agreement.api.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label Studio's JWTs, checked and issued as djangorestframework-simplejwt does. */
class LabelStudioTokensTest {

  private static final String SECRET = "a-django-secret-key";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final LabelStudioTokens tokens =
      new LabelStudioTokens(LabelStudioSecret.from(SECRET, null), clock);

  private static String jwt(String type, Object userId, Instant exp) {
    var builder =
        JWT.create()
            .withClaim("token_type", type)
            .withExpiresAt(exp)
            .withIssuedAt(NOW.minusSeconds(60))
            .withJWTId("0123abcd");
    builder =
        userId instanceof Long id
            ? builder.withClaim("user_id", id)
            : builder.withClaim("user_id", (String) userId);
    return builder.sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void a_refresh_token_with_user_id_as_a_string_or_a_number_is_accepted() {
    Instant exp = NOW.plus(Duration.ofDays(1));
    assertThat(tokens.verify(jwt("refresh", "42", exp), "refresh").userId()).isEqualTo(42);
    assertThat(tokens.verify(jwt("refresh", 42L, exp), "refresh").userId()).isEqualTo(42);
    assertThat(tokens.verify(jwt("refresh", "42", exp), "refresh").jti()).isEqualTo("0123abcd");
  }

  @Test
  void the_access_token_keeps_the_user_id_claims_type_and_lives_five_minutes() {
    Instant exp = NOW.plus(Duration.ofDays(1));
    var fromString = JWT.decode(tokens.access(tokens.verify(jwt("refresh", "7", exp), "refresh")));
    assertThat(fromString.getClaim("user_id").asString()).isEqualTo("7");
    assertThat(fromString.getClaim("token_type").asString()).isEqualTo("access");
    assertThat(fromString.getExpiresAtAsInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(fromString.getId()).isNotEqualTo("0123abcd");
    var fromNumber = JWT.decode(tokens.access(tokens.verify(jwt("refresh", 7L, exp), "refresh")));
    assertThat(fromNumber.getClaim("user_id").asLong()).isEqualTo(7L);
    assertThat(
            tokens
                .verify(tokens.access(tokens.verify(jwt("refresh", "7", exp), "refresh")), "access")
                .userId())
        .isEqualTo(7);
  }

  @Test
  void without_a_secret_every_jwt_is_refused_saying_why() {
    LabelStudioTokens none = new LabelStudioTokens(Optional.empty(), clock);
    assertThatThrownBy(() -> none.verify(jwt("access", "1", NOW.plusSeconds(60)), "access"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status().value()).isEqualTo(401))
        .hasMessageContaining("LABEL_STUDIO_SECRET_KEY");
  }

  @Test
  void user_ids_that_are_not_positive_integers_are_refused() {
    Instant exp = NOW.plusSeconds(60);
    for (String bad : new String[] {"abc", "0", "-3", "99999999999", " "}) {
      assertThatThrownBy(() -> tokens.verify(jwt("access", bad, exp), "access"))
          .as(bad)
          .hasMessageContaining("user identification");
    }
  }

  @Test
  void a_token_without_exp_is_refused() {
    String noExp =
        JWT.create()
            .withClaim("token_type", "access")
            .withClaim("user_id", "1")
            .sign(Algorithm.HMAC256(SECRET.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> tokens.verify(noExp, "access")).isInstanceOf(ApiException.class);
  }

  @Test
  void an_hs512_token_is_refused_even_with_the_right_key() {
    String hs512 =
        JWT.create()
            .withClaim("token_type", "access")
            .withClaim("user_id", "1")
            .withExpiresAt(NOW.plusSeconds(60))
            .sign(Algorithm.HMAC512(SECRET.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> tokens.verify(hs512, "access")).hasMessageContaining("HS256");
  }

  @Test
  void the_secret_may_come_from_a_file_and_never_shows_in_to_string(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("secret");
    Files.writeString(file, SECRET + "\n");
    LabelStudioSecret secret = LabelStudioSecret.from("", file.toString()).orElseThrow();
    assertThat(new String(secret.bytes(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    assertThat(secret.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> LabelStudioSecret.from(SECRET, file.toString()))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> LabelStudioSecret.from(null, dir.resolve("missing").toString()))
        .hasMessageContaining("Cannot read");
  }
}
