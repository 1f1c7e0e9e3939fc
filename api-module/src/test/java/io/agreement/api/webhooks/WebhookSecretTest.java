package io.agreement.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretTest {

  @TempDir Path dir;

  @Test
  void the_value_matches_only_itself() {
    WebhookSecret secret = WebhookSecret.from("s3cret", null).orElseThrow();
    assertThat(secret.matches("s3cret")).isTrue();
    assertThat(secret.matches("s3cre")).isFalse();
    assertThat(secret.matches("s3cret ")).isFalse();
    assertThat(secret.matches("")).isFalse();
    assertThat(secret.matches(null)).isFalse();
    assertThat(secret.toString()).doesNotContain("s3cret");
  }

  @Test
  void a_file_holds_it_without_its_trailing_newline() throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "from-a-file\n");
    WebhookSecret secret = WebhookSecret.from("", file.toString()).orElseThrow();
    assertThat(secret.matches("from-a-file")).isTrue();
  }

  @Test
  void nothing_configured_is_no_secret() {
    assertThat(WebhookSecret.from(null, null)).isEmpty();
    assertThat(WebhookSecret.from("", " ")).isEmpty();
  }

  @Test
  void both_settings_an_empty_file_or_a_missing_one_stop_the_start() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> WebhookSecret.from("a", empty.toString()))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> WebhookSecret.from(null, empty.toString()))
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> WebhookSecret.from(null, dir.resolve("missing").toString()))
        .hasMessageContaining("Cannot read AGREEMENT_WEBHOOK_SECRET_FILE");
  }
}
