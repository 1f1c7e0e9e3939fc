package io.agreement.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the pair scores of a task are reduced to the task's score for a tag (SPEC 4.3). */
public enum Methodology {
  CONSENSUS,
  PAIRWISE;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Methodology> fromApiName(String s) {
    return Arrays.stream(values()).filter(m -> m.apiName().equals(s)).findFirst();
  }
}
