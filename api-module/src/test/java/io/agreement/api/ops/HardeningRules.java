package io.agreement.api.ops;

import static io.agreement.api.ops.ManifestRules.containers;
import static io.agreement.api.ops.ManifestRules.name;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resources, security contexts, secrets and images of every pod template: what a cluster admin
 * checks before letting these manifests in.
 */
final class HardeningRules {

  /** Below this much memory beside the heap, metaspace, threads and buffers do not fit. */
  static final long MIN_NON_HEAP_BYTES = 256L << 20;

  private static final Pattern SENSITIVE = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY).*");
  private static final Pattern RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)");

  private final ManifestRules manifests;

  HardeningRules(ManifestRules manifests) {
    this.manifests = manifests;
  }

  /** Requests for CPU and memory, memory limit equal to its request, the heap sized from it. */
  List<String> resourcesSizeTheJvm() {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : workloads()) {
      for (JsonNode container : containers(workload).toList()) {
        String where = name(workload) + "/" + container.path("name").asString();
        JsonNode resources = container.path("resources");
        String request = resources.at("/requests/memory").asString("");
        String limit = resources.at("/limits/memory").asString("");
        if (!resources.at("/requests").has("cpu") || request.isEmpty() || !request.equals(limit)) {
          problems.add(
              where + ": needs cpu and memory requests and a memory limit equal to its request");
          continue;
        }
        if (runsJava(container)) {
          problems.addAll(heapFits(where, container, bytes(limit)));
        }
      }
    }
    return problems;
  }

  private static List<String> heapFits(String where, JsonNode container, long limit) {
    String options = ManifestRules.env(container).getOrDefault("JAVA_TOOL_OPTIONS", "");
    Matcher m = RAM_PERCENTAGE.matcher(options == null ? "" : options);
    if (!m.find() || !options.contains("-XX:+ExitOnOutOfMemoryError")) {
      return List.of(where + ": JAVA_TOOL_OPTIONS does not size the heap from the memory limit");
    }
    long heap = limit * Integer.parseInt(m.group(1)) / 100;
    return limit - heap >= MIN_NON_HEAP_BYTES
        ? List.of()
        : List.of(where + ": a heap of " + (heap >> 20) + " MiB leaves under 256 MiB of the limit");
  }

  /**
   * Non-root with a numeric user (the app image's own), no privilege escalation, no capabilities.
   */
  List<String> podsRunAsNonRoot(long appUid) {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : workloads()) {
      JsonNode pod = workload.at("/spec/template/spec/securityContext");
      long uid = pod.path("runAsUser").asLong(0);
      if (!pod.path("runAsNonRoot").asBoolean(false) || uid <= 0) {
        problems.add(name(workload) + ": no runAsNonRoot with a numeric runAsUser");
      }
      if (containers(workload).anyMatch(HardeningRules::appImage) && uid != appUid) {
        problems.add(name(workload) + ": runAsUser " + uid + " is not the image's user " + appUid);
      }
      for (JsonNode container : containers(workload).toList()) {
        JsonNode security = container.path("securityContext");
        boolean dropsAll =
            security
                .at("/capabilities/drop")
                .valueStream()
                .anyMatch(c -> c.asString().equals("ALL"));
        if (security.path("allowPrivilegeEscalation").asBoolean(true) || !dropsAll) {
          problems.add(
              name(workload)
                  + "/"
                  + container.path("name").asString()
                  + ": allows privilege escalation or keeps capabilities");
        }
      }
    }
    return problems;
  }

  /**
   * No credential as a plain value, and every Secret key a pod needs exists: in the rendering, made
   * by the RabbitMQ operator, or in {@code external} (what the README has the user create).
   */
  List<String> secretsComeFromSecrets(Map<String, Set<String>> external) {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : workloads()) {
      for (JsonNode container : containers(workload).toList()) {
        for (JsonNode env : container.path("env")) {
          String where = name(workload) + " " + env.path("name").asString();
          if (SENSITIVE.matcher(env.path("name").asString()).matches() && env.has("value")) {
            problems.add(where + ": a credential as a plain value");
          }
          JsonNode ref = env.at("/valueFrom/secretKeyRef");
          if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
            String secret = ref.path("name").asString();
            if (!keys(secret, external).contains(ref.path("key").asString())) {
              problems.add(where + ": Secret " + secret + " has no key " + ref.path("key"));
            }
          }
        }
      }
    }
    return problems;
  }

  private Set<String> keys(String secret, Map<String, Set<String>> external) {
    for (ObjectNode object : manifests.of("Secret")) {
      if (object.at("/metadata/name").asString().equals(secret)) {
        Set<String> keys = new TreeSet<>(object.path("stringData").propertyNames());
        keys.addAll(object.path("data").propertyNames());
        return keys;
      }
    }
    for (ObjectNode cluster : manifests.of("RabbitmqCluster")) {
      if ((cluster.at("/metadata/name").asString() + "-default-user").equals(secret)) {
        return Set.of("username", "password", "host", "port");
      }
    }
    return external.getOrDefault(secret, Set.of());
  }

  /** Every image has a tag, and not latest: a rollout changes what runs only on purpose. */
  List<String> imagesArePinned() {
    List<String> problems = new ArrayList<>();
    for (ObjectNode workload : workloads()) {
      containers(workload)
          .map(c -> c.path("image").asString())
          .filter(image -> !image.matches("[^:@]+:(?!latest$)[\\w.-]+"))
          .forEach(image -> problems.add(name(workload) + ": image " + image + " is not pinned"));
    }
    for (ObjectNode cluster : manifests.of("RabbitmqCluster")) {
      if (!cluster.at("/spec/image").asString().matches("rabbitmq:\\d+\\.\\d+\\.\\d+[\\w.-]*")) {
        problems.add(name(cluster) + ": image is not pinned to a release");
      }
    }
    return problems;
  }

  private List<ObjectNode> workloads() {
    return manifests.of("Deployment", "StatefulSet", "Job");
  }

  private static boolean runsJava(JsonNode container) {
    return container.path("command").valueStream().anyMatch(a -> a.asString().contains("java"));
  }

  private static boolean appImage(JsonNode container) {
    return container.path("image").asString().startsWith("agreement-backfill");
  }

  /** A Kubernetes memory quantity in bytes: 768Mi, 2Gi, 512Ki or plain bytes. */
  static long bytes(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
    if (!m.matches()) {
      throw new IllegalArgumentException("unsupported quantity " + quantity);
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2) == null
        ? n
        : n
            << switch (m.group(2)) {
              case "Ki" -> 10;
              case "Mi" -> 20;
              default -> 30;
            };
  }
}
