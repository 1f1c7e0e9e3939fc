package io.agreement.api.ops;

import static io.agreement.api.ops.ManifestRules.env;
import static io.agreement.api.ops.ManifestRules.name;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker's autoscaling and shutdown rules: the ScaledObject scales the worker Deployment on the
 * queues the code declares, through the broker the RabbitmqCluster runs, and a scaled-down pod has
 * time to hand its jobs back.
 */
final class ScalingRules {

  static final String WORKER_JAR = "/app/agreement-worker.jar";

  private final ManifestRules manifests;

  ScalingRules(ManifestRules manifests) {
    this.manifests = manifests;
  }

  /** The worker Deployment: the one that runs the worker jar. */
  ObjectNode worker() {
    List<ObjectNode> workers =
        manifests.of("Deployment").stream()
            .filter(d -> ManifestRules.containers(d).anyMatch(ScalingRules::runsWorker))
            .toList();
    if (workers.size() != 1) {
      throw new AssertionError(workers.size() + " Deployments run " + WORKER_JAR);
    }
    return workers.get(0);
  }

  List<String> scaledObjectTargetsTheWorker(Set<String> queues) {
    List<ObjectNode> scalers = manifests.of("ScaledObject");
    if (scalers.size() != 1) {
      return List.of(scalers.size() + " ScaledObjects, expected one");
    }
    ObjectNode scaler = scalers.get(0);
    ObjectNode worker = worker();
    List<String> problems = new ArrayList<>();
    JsonNode target = scaler.at("/spec/scaleTargetRef");
    if (!target.path("kind").asString().equals("Deployment")
        || !target.path("apiVersion").asString().equals("apps/v1")
        || !target.path("name").equals(worker.at("/metadata/name"))) {
      problems.add(name(scaler) + ": scaleTargetRef is not the worker Deployment");
    }
    if (worker.at("/spec").has("replicas")) {
      problems.add(name(worker) + ": sets replicas, which every apply would reset under KEDA");
    }
    if (scaler.at("/spec/minReplicaCount").asInt(-1) != 0) {
      problems.add(name(scaler) + ": does not scale to zero (minReplicaCount 0)");
    }
    // The CRD's own CEL rule, which the schema validation leaves to the API server.
    if (scaler.at("/spec/maxReplicaCount").asInt(100)
        < scaler.at("/spec/minReplicaCount").asInt(0)) {
      problems.add(
          name(scaler) + ": minReplicaCount must be less than or equal to maxReplicaCount");
    }
    Set<String> triggered = new TreeSet<>();
    String concurrency = env(workerContainer(worker)).get("AGREEMENT_WORKER_CONCURRENCY");
    for (JsonNode trigger : scaler.at("/spec/triggers")) {
      triggered.add(trigger.at("/metadata/queueName").asString());
      problems.addAll(triggerProblems(scaler, trigger, concurrency));
    }
    if (!triggered.equals(new TreeSet<>(queues))) {
      problems.add(
          name(scaler) + ": triggers on " + triggered + ", the code's queues are " + queues);
    }
    return problems;
  }

  /**
   * A rabbitmq trigger that counts unacknowledged messages (the management API: a running job's
   * message is unacknowledged), on the operator's Service from KEDA's namespace, one job per
   * consumer of the worker, authenticated with the operator's user.
   */
  private List<String> triggerProblems(ObjectNode scaler, JsonNode trigger, String concurrency) {
    List<String> problems = new ArrayList<>();
    String where = name(scaler) + " trigger " + trigger.path("name").asString();
    JsonNode metadata = trigger.path("metadata");
    ObjectNode cluster = manifests.of("RabbitmqCluster").get(0);
    String host =
        "http://%s.%s.svc:15672/"
            .formatted(
                cluster.at("/metadata/name").asString(),
                scaler.at("/metadata/namespace").asString());
    if (!trigger.path("type").asString().equals("rabbitmq")
        || !metadata.path("protocol").asString().equals("http")
        || !metadata.path("mode").asString().equals("QueueLength")) {
      problems.add(where + ": is not a rabbitmq QueueLength trigger over http");
    }
    if (!metadata.path("host").asString().equals(host)) {
      problems.add(where + ": host is not " + host);
    }
    if (!metadata.path("value").asString().equals(concurrency)) {
      problems.add(where + ": value is not the worker's concurrency " + concurrency);
    }
    String auth = trigger.at("/authenticationRef/name").asString();
    ObjectNode authentication = manifests.named("TriggerAuthentication", auth);
    String operatorSecret = cluster.at("/metadata/name").asString() + "-default-user";
    Set<String> parameters = new TreeSet<>();
    for (JsonNode ref : authentication.at("/spec/secretTargetRef")) {
      parameters.add(ref.path("parameter").asString());
      if (!ref.path("name").asString().equals(operatorSecret)) {
        problems.add(
            name(authentication) + ": reads " + ref.path("name") + ", not " + operatorSecret);
      }
    }
    if (!parameters.equals(Set.of("password", "username"))) {
      problems.add(name(authentication) + ": sets " + parameters + ", not username and password");
    }
    return problems;
  }

  /**
   * SIGTERM to SIGKILL outlasts Spring's shutdown phase, which outlasts the worker's own grace for
   * running jobs: a scaled-down worker hands its jobs back before it is killed.
   */
  List<String> workerHasTimeToHandJobsBack(Duration springShutdownPhase) {
    ObjectNode worker = worker();
    Duration kill =
        Duration.ofSeconds(
            worker.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30));
    Duration grace =
        ManifestRules.duration(
            env(workerContainer(worker)).getOrDefault("AGREEMENT_WORKER_SHUTDOWN_GRACE", "30s"));
    List<String> problems = new ArrayList<>();
    if (kill.compareTo(springShutdownPhase.plusSeconds(10)) < 0) {
      problems.add(
          name(worker)
              + ": terminationGracePeriodSeconds "
              + kill.toSeconds()
              + " s is not 10 s beyond Spring's shutdown phase "
              + springShutdownPhase.toSeconds()
              + " s");
    }
    if (springShutdownPhase.compareTo(grace.plusSeconds(10)) < 0) {
      problems.add("Spring's shutdown phase leaves a job no time to hand back after " + grace);
    }
    return problems;
  }

  List<String> rabbitmqIsAThreeNodeCluster() {
    List<ObjectNode> clusters = manifests.of("RabbitmqCluster");
    if (clusters.size() != 1) {
      return List.of(clusters.size() + " RabbitmqClusters, expected one");
    }
    ObjectNode cluster = clusters.get(0);
    List<String> problems = new ArrayList<>();
    if (cluster.at("/spec/replicas").asInt() != 3) {
      problems.add(
          name(cluster) + ": not 3 replicas, the smallest quorum that survives a lost node");
    }
    if (!cluster
        .at("/spec/rabbitmq/additionalConfig")
        .asString()
        .contains("default_queue_type = quorum")) {
      problems.add(name(cluster) + ": default queue type is not quorum");
    }
    String host = cluster.at("/metadata/name").asString();
    for (ObjectNode app : manifests.of("Deployment")) {
      ManifestRules.containers(app)
          .filter(c -> env(c).containsKey("SPRING_RABBITMQ_HOST"))
          .filter(c -> !host.equals(env(c).get("SPRING_RABBITMQ_HOST")))
          .forEach(c -> problems.add(name(app) + ": SPRING_RABBITMQ_HOST is not " + host));
    }
    return problems;
  }

  static JsonNode workerContainer(ObjectNode worker) {
    return ManifestRules.containers(worker)
        .filter(ScalingRules::runsWorker)
        .findFirst()
        .orElseThrow();
  }

  private static boolean runsWorker(JsonNode container) {
    return container
        .path("command")
        .valueStream()
        .anyMatch(arg -> arg.asString().equals(WORKER_JAR));
  }
}
