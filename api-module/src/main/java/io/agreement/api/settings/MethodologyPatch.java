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

/** A PATCH agreement/settings/ body: {@code {"methodology": "consensus" | "pairwise"}}. */
record MethodologyPatch(Methodology methodology) {

  static MethodologyPatch from(JsonMapper json, byte[] body) {
    JsonNode value = JsonBody.object(json, body, Set.of("methodology")).get("methodology");
    Optional<Methodology> parsed =
        value.isString() ? Methodology.fromApiName(value.stringValue()) : Optional.empty();
    return new MethodologyPatch(
        parsed.orElseThrow(
            () ->
                badRequest(
                    "methodology must be one of " + names() + ", got " + JsonBody.preview(value))));
  }

  private static String names() {
    return Arrays.stream(Methodology.values())
        .map(m -> '"' + m.apiName() + '"')
        .collect(Collectors.joining(" or "));
  }
}
