package io.agreement.api.ops;

import static io.agreement.api.ops.KubernetesManifestsTest.QUEUES;
import static io.agreement.api.ops.KubernetesManifestsTest.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each rule of {@link ManifestRules}, {@link ScalingRules} and {@link HardeningRules} holds for the
 * standalone overlay and reports the mistake it is there for once that mistake is made in it.
 */
class ManifestRulesTest {

  @Test
  void a_selector_that_selects_nothing_is_caught() {
    assertCaught(
        ManifestRules::selectorsMatchLabels,
        r ->
            at(r, "Service", "agreement-api", "/spec/selector")
                .put("app.kubernetes.io/name", "api"),
        "Service/agreement-api: selects no pod template");
    assertCaught(
        ManifestRules::selectorsMatchLabels,
        r -> at(r, "Deployment", "agreement-worker", "/spec/selector/matchLabels").put("x", "y"),
        "Deployment/agreement-worker: selector does not match");
    assertCaught(
        ManifestRules::selectorsMatchLabels,
        r -> at(r, "PodDisruptionBudget", "agreement-api", "/spec").put("minAvailable", 2),
        "minAvailable leaves Deployment/agreement-api no pod");
    assertCaught(
        ManifestRules::selectorsMatchLabels,
        r ->
            at(r, "ServiceMonitor", "agreement-backfill", "/spec/endpoints/0")
                .put("port", "metrics"),
        "port \"metrics\" is not on a Service");
  }

  @Test
  void a_probe_off_the_actuator_is_caught() {
    String probe = "/spec/template/spec/containers/0/readinessProbe/httpGet";
    assertCaught(
        ManifestRules::probesHitTheActuator,
        r -> at(r, "Deployment", "agreement-api", probe).put("path", "/actuator/health"),
        "readinessProbe is not on /actuator/health/readiness");
    assertCaught(
        ManifestRules::probesHitTheActuator,
        r -> at(r, "Deployment", "agreement-worker", probe).put("port", 8080),
        "readinessProbe is not on SERVER_PORT 8081");
  }

  @Test
  void a_scaler_aimed_elsewhere_is_caught() {
    Function<ManifestRules, List<String>> rule =
        m -> new ScalingRules(m).scaledObjectTargetsTheWorker(QUEUES);
    String trigger = "/spec/triggers/0/metadata";
    assertCaught(
        rule,
        r ->
            at(r, "ScaledObject", "agreement-worker", "/spec/scaleTargetRef")
                .put("name", "agreement-api"),
        "scaleTargetRef is not the worker Deployment");
    assertCaught(
        rule,
        r ->
            at(r, "ScaledObject", "agreement-worker", trigger)
                .put("queueName", "agreement.backfil"),
        "triggers on [agreement.backfil, agreement.refresh]");
    assertCaught(
        rule,
        r -> at(r, "ScaledObject", "agreement-worker", trigger).put("protocol", "amqp"),
        "is not a rabbitmq QueueLength trigger over http");
    assertCaught(
        rule,
        r -> at(r, "ScaledObject", "agreement-worker", trigger).put("value", "10"),
        "value is not the worker's concurrency 2");
    assertCaught(
        rule,
        r -> at(r, "ScaledObject", "agreement-worker", "/spec").put("minReplicaCount", 1),
        "does not scale to zero");
    assertCaught(
        rule,
        r -> at(r, "ScaledObject", "agreement-worker", "/spec").put("maxReplicaCount", -1),
        "minReplicaCount must be less than or equal to maxReplicaCount");
    assertCaught(
        rule,
        r -> at(r, "Deployment", "agreement-worker", "/spec").put("replicas", 2),
        "sets replicas");
  }

  @Test
  void a_grace_period_too_short_to_hand_jobs_back_is_caught() {
    assertCaught(
        m -> new ScalingRules(m).workerHasTimeToHandJobsBack(Duration.ofSeconds(55)),
        r ->
            at(r, "Deployment", "agreement-worker", "/spec/template/spec")
                .put("terminationGracePeriodSeconds", 30),
        "terminationGracePeriodSeconds 30 s is not 10 s beyond");
  }

  @Test
  void a_single_node_broker_is_caught() {
    assertCaught(
        m -> new ScalingRules(m).rabbitmqIsAThreeNodeCluster(),
        r -> at(r, "RabbitmqCluster", "agreement-rabbitmq", "/spec").put("replicas", 1),
        "not 3 replicas");
  }

  @Test
  void a_plain_or_missing_credential_is_caught() {
    Function<ManifestRules, List<String>> rule =
        m -> new HardeningRules(m).secretsComeFromSecrets(Map.of());
    assertCaught(
        rule,
        r -> {
          ObjectNode env = env(r, "Deployment", "agreement-api", "SPRING_DATASOURCE_PASSWORD");
          env.remove("valueFrom");
          env.put("value", "hunter2");
        },
        "SPRING_DATASOURCE_PASSWORD: a credential as a plain value");
    assertCaught(
        rule,
        r ->
            ((ObjectNode)
                    new ManifestRules(r).named("Secret", "agreement-database").get("stringData"))
                .remove("url"),
        "Secret agreement-database has no key \"url\"");
  }

  @Test
  void unsized_or_privileged_pods_and_floating_images_are_caught() {
    String container = "/spec/template/spec/containers/0";
    assertCaught(
        m -> new HardeningRules(m).resourcesSizeTheJvm(),
        r -> at(r, "Deployment", "agreement-worker", container + "/resources").remove("limits"),
        "a memory limit equal to its request");
    assertCaught(
        m -> new HardeningRules(m).resourcesSizeTheJvm(),
        r ->
            env(r, "Deployment", "agreement-worker", "JAVA_TOOL_OPTIONS")
                .put("value", "-XX:MaxRAMPercentage=90 -XX:+ExitOnOutOfMemoryError"),
        "a heap of 691 MiB leaves under 256 MiB");
    assertCaught(
        m -> new HardeningRules(m).podsRunAsNonRoot(10001),
        r ->
            at(r, "Deployment", "agreement-api", "/spec/template/spec/securityContext")
                .remove("runAsUser"),
        "no runAsNonRoot with a numeric runAsUser");
    assertCaught(
        m -> new HardeningRules(m).podsRunAsNonRoot(10001),
        r ->
            at(r, "Deployment", "agreement-api", container + "/securityContext")
                .put("allowPrivilegeEscalation", true),
        "allows privilege escalation");
    assertCaught(
        m -> new HardeningRules(m).imagesArePinned(),
        r ->
            at(r, "Deployment", "agreement-api", container)
                .put("image", "agreement-backfill:latest"),
        "image agreement-backfill:latest is not pinned");
  }

  private void assertCaught(
      Function<ManifestRules, List<String>> rule,
      Consumer<List<ObjectNode>> mistake,
      String problem) {
    List<ObjectNode> objects = render("overlays/standalone");
    assertThat(rule.apply(new ManifestRules(objects))).as("before the mistake").isEmpty();
    mistake.accept(objects);
    assertThat(rule.apply(new ManifestRules(objects))).anyMatch(p -> p.contains(problem));
  }

  private ObjectNode env(List<ObjectNode> objects, String kind, String name, String variable) {
    return (ObjectNode)
        new ManifestRules(objects)
            .named(kind, name)
            .at("/spec/template/spec/containers/0/env")
            .valueStream()
            .filter(e -> e.path("name").asString().equals(variable))
            .findFirst()
            .orElseThrow();
  }

  private ObjectNode at(List<ObjectNode> objects, String kind, String name, String pointer) {
    return (ObjectNode) new ManifestRules(objects).named(kind, name).at(pointer);
  }
}
