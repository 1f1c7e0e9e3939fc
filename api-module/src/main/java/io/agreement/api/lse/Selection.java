package io.agreement.api.lse;

import io.agreement.api.web.ApiException;
import io.agreement.api.web.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who takes part in a task's agreement matrix: {@code selection} as a JSON string, or in the SDK's
 * deep-object form ({@code selection[annotators][all]=true}, {@code selection[annotators][ids]=1}
 * repeated, {@code selection[ground_truth]=true}). Annotators not mentioned: all of them. Models
 * are accepted and select nobody: the service does not read predictions.
 *
 * @param annotatorIds null for every annotator
 */
record Selection(boolean annotators, List<Long> annotatorIds, boolean groundTruth) {

  static final Selection ALL = new Selection(true, null, false);

  private static final String PREFIX = "selection[";
  private static final int MAX_JSON = 64 * 1024;

  static Selection parse(Map<String, String[]> query, JsonMapper json) {
    String[] asJson = query.get("selection");
    boolean brackets = query.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
    if (asJson != null && brackets) {
      throw malformed("send selection either as a JSON string or as selection[...] keys, not both");
    }
    if (asJson != null) {
      return fromJson(asJson, json);
    }
    return brackets ? fromBrackets(query) : ALL;
  }

  private static Selection fromJson(String[] values, JsonMapper json) {
    if (values.length != 1 || values[0].length() > MAX_JSON) {
      throw malformed("send one selection of at most " + MAX_JSON + " characters");
    }
    JsonNode node;
    try {
      node = json.readTree(values[0]);
    } catch (JacksonException e) {
      throw malformed("it is not valid JSON: " + QueryParams.abbreviate(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw malformed("it must be a JSON object such as {\"annotators\": {\"all\": true}}");
    }
    for (String key : node.propertyNames()) {
      if (!List.of("annotators", "ground_truth", "models").contains(key)) {
        throw malformed("unknown key '" + QueryParams.abbreviate(key) + "'");
      }
    }
    JsonNode annotators = node.get("annotators");
    Group group = annotators == null ? Group.EVERYONE : group(annotators, "annotators");
    if (node.has("models")) {
      group(node.get("models"), "models");
    }
    return new Selection(group.all || group.ids != null, group.ids, bool(node.get("ground_truth")));
  }

  private record Group(boolean all, List<Long> ids) {
    static final Group EVERYONE = new Group(true, null);
  }

  /** all wins over ids; neither selects nobody. Model ids are names, not checked. */
  private static Group group(JsonNode node, String name) {
    if (!node.isObject()) {
      throw malformed(name + " must be an object such as {\"all\": true} or {\"ids\": [\"1\"]}");
    }
    boolean all = bool(node.get("all"));
    List<String> raw = new ArrayList<>();
    JsonNode ids = node.get("ids");
    if (ids != null && !ids.isNull()) {
      if (!ids.isArray()) {
        throw malformed(name + ".ids must be a list");
      }
      ids.values().forEach(id -> raw.add(id.isString() ? id.stringValue() : id.toString()));
    }
    return new Group(all, all ? null : userIds(name, raw, ids != null && !ids.isNull()));
  }

  private static Selection fromBrackets(Map<String, String[]> query) {
    boolean all = false;
    boolean annotatorsGiven = false;
    List<String> ids = null;
    boolean groundTruth = false;
    for (Map.Entry<String, String[]> e : query.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String last = e.getValue()[e.getValue().length - 1];
      switch (key) {
        case "selection[annotators][all]" -> {
          annotatorsGiven = true;
          all = bool(last, key);
        }
        case "selection[annotators][ids]", "selection[annotators][ids][]" -> {
          annotatorsGiven = true;
          ids = ids == null ? new ArrayList<>() : ids;
          ids.addAll(List.of(e.getValue()));
        }
        case "selection[ground_truth]" -> groundTruth = bool(last, key);
        case "selection[models][all]" -> bool(last, key);
        case "selection[models][ids]", "selection[models][ids][]" -> {
          // model versions select nobody
        }
        default -> throw malformed("unknown key '" + QueryParams.abbreviate(key) + "'");
      }
    }
    if (!annotatorsGiven) {
      return new Selection(true, null, groundTruth);
    }
    List<Long> userIds = all ? null : userIds("annotators", ids, ids != null);
    return new Selection(all || userIds != null, userIds, groundTruth);
  }

  private static List<Long> userIds(String name, List<String> raw, boolean given) {
    if (!given || !name.equals("annotators")) {
      return given ? List.of() : null;
    }
    List<Long> ids = new ArrayList<>();
    for (String id : raw) {
      try {
        ids.add(Long.parseLong(id.trim()));
      } catch (NumberFormatException ex) {
        throw malformed("annotator ids are user ids, got '" + QueryParams.abbreviate(id) + "'");
      }
    }
    return ids;
  }

  private static boolean bool(JsonNode node) {
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw malformed("all and ground_truth must be true or false, got " + node);
    }
    return node.booleanValue();
  }

  private static boolean bool(String value, String key) {
    return switch (value.trim().toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw malformed(
              key + " must be true or false, got '" + QueryParams.abbreviate(value) + "'");
    };
  }

  private static ApiException malformed(String why) {
    return ApiException.badRequest("Query parameter 'selection' is malformed: " + why);
  }
}
