package io.agreement.api.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the schemas cannot say about a rendered set of objects: selectors that select and probes on
 * the actuator ({@link ScalingRules} and {@link HardeningRules} for the rest), with the lookups the
 * rules share. Each rule returns the problems it found, one sentence each; none means it holds.
 */
final class ManifestRules {

  static final String LIVENESS = "/actuator/health/liveness";
  static final String READINESS = "/actuator/health/readiness";

  private final List<ObjectNode> objects;

  ManifestRules(List<ObjectNode> objects) {
    this.objects = objects;
  }

  List<String> selectorsMatchLabels() {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : of("Deployment", "StatefulSet")) {
      JsonNode selector = workload.at("/spec/selector/matchLabels");
      if (selector.isEmpty() || !matches(selector, podLabels(workload))) {
        problems.add(name(workload) + ": selector does not match its pod template's labels");
      }
    }
    for (ObjectNode workload : of("Deployment", "StatefulSet", "Job")) {
      for (JsonNode spread : workload.at("/spec/template/spec/topologySpreadConstraints")) {
        if (!matches(spread.at("/labelSelector/matchLabels"), podLabels(workload))) {
          problems.add(name(workload) + ": topology spread selects other pods than its own");
        }
      }
    }
    for (ObjectNode service : of("Service")) {
      problems.addAll(serviceSelectsPods(service));
    }
    for (ObjectNode budget : of("PodDisruptionBudget")) {
      problems.addAll(budgetLeavesPodsRunning(budget));
    }
    for (ObjectNode monitor : of("ServiceMonitor")) {
      problems.addAll(monitorSelectsServices(monitor));
    }
    return problems;
  }

  private List<String> serviceSelectsPods(ObjectNode service) {
    JsonNode selector = service.at("/spec/selector");
    List<ObjectNode> pods = selectedWorkloads(selector);
    if (selector.isEmpty() || pods.isEmpty()) {
      return List.of(name(service) + ": selects no pod template");
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode port : service.at("/spec/ports")) {
      String target = port.path("targetPort").asString();
      for (ObjectNode pod : pods) {
        if (containers(pod).noneMatch(c -> hasPort(c, target))) {
          problems.add(name(service) + ": targetPort " + target + " is no port of " + name(pod));
        }
      }
    }
    return problems;
  }

  private List<String> budgetLeavesPodsRunning(ObjectNode budget) {
    List<ObjectNode> pods = selectedWorkloads(budget.at("/spec/selector/matchLabels"));
    if (pods.isEmpty()) {
      return List.of(name(budget) + ": selects no pod template");
    }
    int minAvailable = budget.at("/spec/minAvailable").asInt(0);
    return pods.stream()
        .filter(pod -> pod.at("/spec/replicas").asInt(1) <= minAvailable)
        .map(pod -> name(budget) + ": minAvailable leaves " + name(pod) + " no pod to evict")
        .toList();
  }

  /** Services in the rendering, or the one the RabbitMQ operator makes for a RabbitmqCluster. */
  private List<String> monitorSelectsServices(ObjectNode monitor) {
    List<JsonNode> services = new ArrayList<>();
    List<Set<String>> ports = new ArrayList<>();
    for (ObjectNode service : of("Service")) {
      if (selects(monitor.at("/spec/selector"), service.at("/metadata/labels"))) {
        services.add(service);
        ports.add(names(service.at("/spec/ports")));
      }
    }
    for (ObjectNode cluster : of("RabbitmqCluster")) {
      ObjectNode labels = Kustomize.YAML.createObjectNode();
      labels.put("app.kubernetes.io/name", name(cluster).split("/")[1]);
      if (selects(monitor.at("/spec/selector"), labels)) {
        services.add(cluster);
        ports.add(Set.of("amqp", "management", "prometheus"));
      }
    }
    if (services.isEmpty()) {
      return List.of(name(monitor) + ": selects no Service");
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode endpoint : monitor.at("/spec/endpoints")) {
      for (int i = 0; i < services.size(); i++) {
        if (!ports.get(i).contains(endpoint.path("port").asString())) {
          problems.add(name(monitor) + ": port " + endpoint.path("port") + " is not on a Service");
        }
      }
    }
    return problems;
  }

  /** Every Deployment's container is probed on the actuator, on the port it serves it on. */
  List<String> probesHitTheActuator() {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : of("Deployment")) {
      for (JsonNode container : containers(workload).toList()) {
        String where = name(workload) + "/" + container.path("name").asString();
        String serverPort = env(container).get("SERVER_PORT");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          JsonNode get = container.path(probe).path("httpGet");
          String expected = probe.equals("readinessProbe") ? READINESS : LIVENESS;
          if (!get.path("path").asString().equals(expected)) {
            problems.add(where + ": " + probe + " is not on " + expected);
          }
          String port = portNumber(container, get.path("port").asString());
          if (port == null || !port.equals(serverPort)) {
            problems.add(where + ": " + probe + " is not on SERVER_PORT " + serverPort);
          }
        }
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------------------------ helpers

  List<ObjectNode> of(String... kinds) {
    Set<String> wanted = Set.of(kinds);
    return objects.stream().filter(o -> wanted.contains(o.path("kind").asString())).toList();
  }

  ObjectNode named(String kind, String name) {
    return of(kind).stream()
        .filter(o -> o.at("/metadata/name").asString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  List<ObjectNode> selectedWorkloads(JsonNode matchLabels) {
    return of("Deployment", "StatefulSet", "Job").stream()
        .filter(w -> !matchLabels.isEmpty() && matches(matchLabels, podLabels(w)))
        .toList();
  }

  static Stream<JsonNode> containers(JsonNode workload) {
    return Stream.concat(
        workload.at("/spec/template/spec/initContainers").valueStream(),
        workload.at("/spec/template/spec/containers").valueStream());
  }

  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    container
        .path("env")
        .forEach(e -> env.put(e.path("name").asString(), e.path("value").asString(null)));
    return env;
  }

  /** A duration as Spring and the worker write it: 500ms, 30s, 2m, 1h. */
  static Duration duration(String value) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  static String name(JsonNode object) {
    return object.path("kind").asString() + "/" + object.at("/metadata/name").asString();
  }

  private static JsonNode podLabels(JsonNode workload) {
    return workload.at("/spec/template/metadata/labels");
  }

  private static boolean matches(JsonNode matchLabels, JsonNode labels) {
    return matchLabels
        .propertyStream()
        .allMatch(e -> labels.path(e.getKey()).asString("").equals(e.getValue().asString()));
  }

  /** A LabelSelector: matchLabels and matchExpressions with In. */
  private static boolean selects(JsonNode selector, JsonNode labels) {
    boolean expressions =
        selector
            .path("matchExpressions")
            .valueStream()
            .allMatch(
                e ->
                    e.path("operator").asString().equals("In")
                        && values(e.path("values"))
                            .contains(labels.path(e.path("key").asString()).asString("")));
    return !selector.isEmpty() && matches(selector.path("matchLabels"), labels) && expressions;
  }

  private static boolean hasPort(JsonNode container, String nameOrNumber) {
    return portNumber(container, nameOrNumber) != null;
  }

  private static String portNumber(JsonNode container, String nameOrNumber) {
    for (JsonNode port : container.path("ports")) {
      String number = port.path("containerPort").asString();
      if (port.path("name").asString().equals(nameOrNumber) || number.equals(nameOrNumber)) {
        return number;
      }
    }
    return null;
  }

  private static Set<String> names(JsonNode items) {
    Set<String> names = new HashSet<>();
    items.forEach(item -> names.add(item.path("name").asString()));
    return names;
  }

  private static Set<String> values(JsonNode items) {
    Set<String> values = new HashSet<>();
    items.forEach(item -> values.add(item.asString()));
    return values;
  }
}
