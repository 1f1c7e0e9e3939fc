package io.agreement.api.backfill;

import static io.agreement.api.web.ApiException.badRequest;

import io.agreement.api.web.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A validated POST /api/dimensions/backfill/ body: exactly one mode, each with its own value. */
record TriggerRequest(Mode mode, int numProjects, long projectId, boolean force) {

  enum Mode {
    NUM_PROJECTS,
    PROJECT_ID,
    ALL_PROJECTS;

    String apiName() {
      return name().toLowerCase();
    }
  }

  static final int MAX_PROJECTS = 10_000;
  private static final List<String> MODES = List.of("num_projects", "project_id", "all_projects");
  private static final Set<String> FIELDS =
      Set.of("num_projects", "project_id", "all_projects", "force");

  static TriggerRequest from(JsonNode body) {
    if (body == null || body.isMissingNode() || body.isNull()) {
      throw badRequest(
          "Send a JSON body with exactly one of num_projects, project_id or all_projects");
    }
    if (!body.isObject()) {
      throw badRequest(
          "The body must be a JSON object with exactly one of num_projects, project_id "
              + "or all_projects");
    }
    List<String> unknown = new ArrayList<>();
    body.propertyNames()
        .forEach(
            name -> {
              if (!FIELDS.contains(name)) {
                unknown.add(name);
              }
            });
    if (!unknown.isEmpty()) {
      throw badRequest(
          "Unknown field(s) "
              + unknown
              + "; allowed: num_projects, project_id, all_projects, force");
    }
    List<String> given = MODES.stream().filter(body::has).toList();
    if (given.size() != 1) {
      throw badRequest(
          given.isEmpty()
              ? "Send exactly one of num_projects, project_id or all_projects"
              : "Send only one of num_projects, project_id or all_projects, not "
                  + String.join(" and ", given));
    }
    boolean force = force(body);
    return switch (given.get(0)) {
      case "num_projects" ->
          new TriggerRequest(
              Mode.NUM_PROJECTS,
              (int) integer(body, "num_projects", 1, MAX_PROJECTS),
              0,
              noForce(force));
      case "project_id" ->
          new TriggerRequest(
              Mode.PROJECT_ID, 0, integer(body, "project_id", 1, Integer.MAX_VALUE), force);
      default -> allProjects(body, force);
    };
  }

  private static TriggerRequest allProjects(JsonNode body, boolean force) {
    JsonNode value = body.get("all_projects");
    if (!value.isBoolean() || !value.booleanValue()) {
      throw badRequest(
          "all_projects must be true; to queue fewer projects send num_projects or project_id");
    }
    return new TriggerRequest(Mode.ALL_PROJECTS, 0, 0, force);
  }

  private static long integer(JsonNode body, String field, long min, long max) {
    JsonNode value = body.get(field);
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      long number = value.longValue();
      if (number >= min && number <= max) {
        return number;
      }
    }
    throw badRequest(
        field + " must be a whole number from " + min + " to " + max + ", got " + preview(value));
  }

  private static boolean force(JsonNode body) {
    JsonNode value = body.get("force");
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw badRequest("force must be true or false, got " + preview(value));
    }
    return value.booleanValue();
  }

  private static boolean noForce(boolean force) {
    if (force) {
      throw badRequest("force only applies together with project_id or all_projects");
    }
    return false;
  }

  private static String preview(JsonNode value) {
    return QueryParams.abbreviate(value.toString());
  }
}
