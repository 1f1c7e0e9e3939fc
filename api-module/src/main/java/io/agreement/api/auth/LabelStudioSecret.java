package io.agreement.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Label Studio's Django {@code SECRET_KEY}, which signs its personal access tokens and their access
 * tokens. Given as {@code LABEL_STUDIO_SECRET_KEY} or as a file ({@code
 * LABEL_STUDIO_SECRET_KEY_FILE}, e.g. a mounted secret); its value never appears in a log or in
 * {@link #toString()}.
 */
final class LabelStudioSecret {

  private final byte[] key;

  private LabelStudioSecret(byte[] key) {
    this.key = key;
  }

  /** The configured secret; empty when neither setting is given. */
  static Optional<LabelStudioSecret> from(String value, String file) {
    if (value != null && !value.isEmpty()) {
      if (file != null && !file.isBlank()) {
        throw new IllegalStateException(
            "Set LABEL_STUDIO_SECRET_KEY or LABEL_STUDIO_SECRET_KEY_FILE, not both");
      }
      return Optional.of(new LabelStudioSecret(value.getBytes(StandardCharsets.UTF_8)));
    }
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    try {
      // A trailing newline is how files are written, never part of a Django secret.
      String read = Files.readString(Path.of(file.trim())).stripTrailing();
      if (read.isEmpty()) {
        throw new IllegalStateException("LABEL_STUDIO_SECRET_KEY_FILE " + file + " is empty");
      }
      return Optional.of(new LabelStudioSecret(read.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read LABEL_STUDIO_SECRET_KEY_FILE " + file + ": " + e.getMessage(), e);
    }
  }

  byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "LabelStudioSecret[hidden]";
  }
}
