package io.agreement.api.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The shared secret Label Studio's webhook sends in a custom header, given as {@code
 * AGREEMENT_WEBHOOK_SECRET} or as a file ({@code AGREEMENT_WEBHOOK_SECRET_FILE}); its value never
 * appears in a log or in {@link #toString()}.
 */
final class WebhookSecret {

  private final byte[] digest;

  private WebhookSecret(String value) {
    this.digest = sha256(value);
  }

  /** The configured secret; empty when neither setting is given. */
  static Optional<WebhookSecret> from(String value, String file) {
    if (value != null && !value.isEmpty()) {
      if (file != null && !file.isBlank()) {
        throw new IllegalStateException(
            "Set AGREEMENT_WEBHOOK_SECRET or AGREEMENT_WEBHOOK_SECRET_FILE, not both");
      }
      return Optional.of(new WebhookSecret(value));
    }
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    try {
      // A trailing newline is how files are written, never part of a header value.
      String read = Files.readString(Path.of(file.trim())).stripTrailing();
      if (read.isEmpty()) {
        throw new IllegalStateException("AGREEMENT_WEBHOOK_SECRET_FILE " + file + " is empty");
      }
      return Optional.of(new WebhookSecret(read));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read AGREEMENT_WEBHOOK_SECRET_FILE " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether a header carries the secret, in time independent of where they differ: digests of equal
   * length compared with {@link MessageDigest#isEqual}, so not even the length leaks.
   */
  boolean matches(String header) {
    return header != null && MessageDigest.isEqual(digest, sha256(header));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
