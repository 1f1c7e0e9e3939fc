package io.agreement.api.web;

import static io.agreement.api.web.ApiException.badRequest;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A PATCH body read as a JSON object of known fields, refused with a detail otherwise. */
public final class JsonBody {

  public static final int MAX_BYTES = 64 * 1024;

  private JsonBody() {}

  public static JsonNode object(JsonMapper json, byte[] body, Set<String> allowed) {
    JsonNode node = parse(json, body);
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw badRequest(
          "Send a JSON object with at least one of " + String.join(", ", sorted(allowed)));
    }
    List<String> unknown =
        node.propertyNames().stream().filter(name -> !allowed.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw badRequest(
          "Unknown field(s) "
              + unknown.stream().map(JsonBody::preview).toList()
              + "; allowed: "
              + String.join(", ", sorted(allowed)));
    }
    return node;
  }

  public static String preview(Object value) {
    return QueryParams.abbreviate(String.valueOf(value));
  }

  private static JsonNode parse(JsonMapper json, byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    if (body.length > MAX_BYTES) {
      throw badRequest("The body is larger than " + MAX_BYTES + " bytes");
    }
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw badRequest("The body is not valid JSON: " + preview(e.getOriginalMessage()));
    }
  }

  private static Set<String> sorted(Set<String> names) {
    return new TreeSet<>(names);
  }
}
