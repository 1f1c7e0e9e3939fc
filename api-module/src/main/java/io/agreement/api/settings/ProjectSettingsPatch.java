package io.agreement.api.settings;

import static io.agreement.api.web.ApiException.badRequest;

import io.agreement.api.web.JsonBody;
import io.agreement.engine.Methodology;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PATCH agreement/settings/ body: {@code methodology} ("consensus" or "pairwise") and {@code
 * agreement_threshold} (0..1, below it a task is low agreement), each optional, null where not
 * sent.
 */
record ProjectSettingsPatch(Methodology methodology, Double agreementThreshold) {

  static final String METHODOLOGY = "methodology";
  static final String THRESHOLD = "agreement_threshold";
  static final double DEFAULT_THRESHOLD = 0.5;

  static ProjectSettingsPatch from(JsonMapper json, byte[] body) {
    JsonNode node = JsonBody.object(json, body, Set.of(METHODOLOGY, THRESHOLD));
    return new ProjectSettingsPatch(
        node.has(METHODOLOGY) ? methodology(node.get(METHODOLOGY)) : null,
        node.has(THRESHOLD) ? threshold(node.get(THRESHOLD)) : null);
  }

  private static Methodology methodology(JsonNode value) {
    Optional<Methodology> parsed =
        value.isString() ? Methodology.fromApiName(value.stringValue()) : Optional.empty();
    return parsed.orElseThrow(
        () ->
            badRequest(
                "methodology must be one of " + names() + ", got " + JsonBody.preview(value)));
  }

  /** null puts it back to its default. */
  private static double threshold(JsonNode value) {
    if (value.isNull()) {
      return DEFAULT_THRESHOLD;
    }
    if (value.isNumber() && value.doubleValue() >= 0 && value.doubleValue() <= 1) {
      return value.doubleValue();
    }
    throw badRequest(
        "agreement_threshold must be a number from 0 to 1, got " + JsonBody.preview(value));
  }

  private static String names() {
    return Arrays.stream(Methodology.values())
        .map(m -> '"' + m.apiName() + '"')
        .collect(Collectors.joining(" or "));
  }
}
