package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.delivery.QueueTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * deploy/kubernetes rendered (see {@link Kustomize} for the subset) and checked: every object
 * against Kubernetes 1.34's and the operators' schemas, unknown fields refused, then the rules the
 * schemas cannot express. Each rule is also shown to catch the mistake it is there for.
 */
class KubernetesManifestsTest {

  private static final Path ROOT =
      Files.isRegularFile(Path.of("docker-compose.yml")) ? Path.of(".") : Path.of("..");
  private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
  private static final List<String> RENDERINGS =
      List.of("base", "overlays/standalone", "overlays/label-studio");
  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();

  /**
   * The queues KEDA watches: the job queue the code declares (its default name) and live refresh's
   * queue, not declared by any release yet, hence a literal.
   */
  private static final Set<String> QUEUES =
      Set.of(defaultQueueProperties().name(), "agreement.refresh");

  private static List<ObjectNode> render(String dir) {
    return Kustomize.render(KUBERNETES.resolve(dir));
  }

  private static QueueProperties defaultQueueProperties() {
    return new Binder(new MapConfigurationPropertySource())
        .bindOrCreate("agreement.queue", QueueProperties.class);
  }

  @Nested
  class Schemas {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/standalone", "overlays/label-studio"})
    void every_rendered_object_is_valid(String dir) {
      List<ObjectNode> objects = render(dir);
      assertThat(objects).hasSizeGreaterThan(10);
      objects.forEach(o -> assertThat(SCHEMAS.validate(o)).as(Kustomize.id(o)).isEmpty());
    }

    @Test
    void a_misspelt_field_is_refused_at_any_depth() {
      assertRefused("Deployment", "agreement-api", d -> spec(d).put("replica", 2), "replica");
      assertRefused(
          "Deployment",
          "agreement-worker",
          d ->
              ((ObjectNode) d.at("/spec/template/spec/containers/0/livenessProbe/httpGet"))
                  .put("pathh", "/"),
          "pathh");
      assertRefused(
          "ScaledObject", "agreement-worker", d -> spec(d).put("minReplicas", 0), "minReplicas");
      assertRefused(
          "RabbitmqCluster", "agreement-rabbitmq", d -> spec(d).put("replica", 3), "replica");
      assertRefused(
          "ServiceMonitor",
          "agreement-backfill",
          d -> ((ObjectNode) d.at("/spec/endpoints/0")).put("honourLabels", true),
          "honourLabels");
    }

    @Test
    void custom_resources_have_their_metadata_checked_as_object_meta() {
      assertRefused(
          "ScaledObject",
          "agreement-worker",
          d -> ((ObjectNode) d.get("metadata")).put("label", "x"),
          "label");
    }

    @Test
    void a_wrong_type_or_value_is_refused() {
      assertRefused("Deployment", "agreement-api", d -> spec(d).put("replicas", "two"), "replicas");
      assertRefused(
          "PodDisruptionBudget",
          "agreement-api",
          d -> ((ObjectNode) d.at("/spec/selector")).put("matchLabels", "app"),
          "matchLabels");
    }

    @Test
    void an_unknown_kind_is_reported() {
      ObjectNode object = render("base").get(0).deepCopy();
      object.put("kind", "Deploymnet");
      assertThat(SCHEMAS.validate(object)).singleElement().asString().contains("no schema for");
    }

    @Test
    void strictness_leaves_maps_and_preserved_fields_open() {
      ObjectNode schema =
          (ObjectNode)
              Kustomize.YAML.readTree(
                  """
                  properties:
                    labels: {type: object, additionalProperties: {type: string}}
                    raw: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {a: {}}}
                    nested: {type: array, items: {properties: {b: {}}}}
                  """);
      KubernetesSchemas.strict(schema);
      assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
      assertThat(schema.at("/properties/labels/additionalProperties/type").asString())
          .isEqualTo("string");
      assertThat(schema.at("/properties/raw").has("additionalProperties")).isFalse();
      assertThat(schema.at("/properties/nested/items/additionalProperties").asBoolean(true))
          .isFalse();
    }

    private void assertRefused(
        String kind, String name, Consumer<ObjectNode> change, String field) {
      ObjectNode object =
          new ManifestRules(render("overlays/standalone")).named(kind, name).deepCopy();
      assertThat(SCHEMAS.validate(object)).as("before the change").isEmpty();
      change.accept(object);
      assertThat(SCHEMAS.validate(object))
          .as(kind + " with " + field)
          .isNotEmpty()
          .anyMatch(e -> e.contains(field));
    }
  }

  @Nested
  class Rules {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/standalone", "overlays/label-studio"})
    void every_rule_holds(String dir) throws IOException {
      ManifestRules manifests = new ManifestRules(render(dir));
      ScalingRules scaling = new ScalingRules(manifests);
      HardeningRules hardening = new HardeningRules(manifests);
      assertThat(manifests.selectorsMatchLabels()).isEmpty();
      assertThat(manifests.probesHitTheActuator()).isEmpty();
      assertThat(scaling.scaledObjectTargetsTheWorker(QUEUES)).isEmpty();
      assertThat(scaling.workerHasTimeToHandJobsBack(workerShutdownPhase())).isEmpty();
      assertThat(scaling.rabbitmqIsAThreeNodeCluster()).isEmpty();
      assertThat(hardening.resourcesSizeTheJvm()).isEmpty();
      assertThat(hardening.podsRunAsNonRoot(imageUid())).isEmpty();
      assertThat(hardening.secretsComeFromSecrets(readmeSecrets())).isEmpty();
      assertThat(hardening.imagesArePinned()).isEmpty();
    }

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

    @Test
    void the_code_declares_the_watched_job_queue_as_a_quorum_queue() {
      QueueProperties props = defaultQueueProperties();
      List<Queue> queues = QueueTopology.declarables(props).getDeclarablesByType(Queue.class);
      assertThat(queues)
          .extracting(Queue::getName)
          .contains(props.name())
          .doesNotContain("agreement.refresh");
      assertThat(queues).allMatch(q -> "quorum".equals(q.getArguments().get("x-queue-type")));
      assertThat(QUEUES).contains(props.name()).doesNotContain(props.deadLetterQueue());
    }
  }

  @Test
  void the_dashboard_config_map_is_the_compose_dashboard() throws IOException {
    String dashboard =
        Files.readString(ROOT.resolve("ops/grafana/dashboards/agreement-backfill.json"));
    ObjectNode configMap =
        new ManifestRules(render("base")).named("ConfigMap", "agreement-backfill-dashboard");
    assertThat(configMap.at("/data/agreement-backfill.json").asString()).isEqualTo(dashboard);
    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asString()).isEqualTo("1");
  }

  @Test
  void the_base_has_no_database_and_no_secret() {
    List<ObjectNode> base = render("base");
    assertThat(base).noneMatch(o -> o.path("kind").asString().equals("Secret"));
    assertThat(base)
        .flatMap(o -> ManifestRules.containers(o).map(c -> c.path("image").asString()).toList())
        .noneMatch(image -> image.startsWith("postgres"));
  }

  @Test
  void the_api_runs_two_replicas_at_least() {
    for (String dir : RENDERINGS) {
      ObjectNode api = new ManifestRules(render(dir)).named("Deployment", "agreement-api");
      assertThat(api.at("/spec/replicas").asInt()).as(dir).isGreaterThanOrEqualTo(2);
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  private static ObjectNode spec(ObjectNode object) {
    return (ObjectNode) object.get("spec");
  }

  /** spring.lifecycle.timeout-per-shutdown-phase of the worker. */
  static Duration workerShutdownPhase() throws IOException {
    JsonNode yml =
        Kustomize.YAML.readTree(
            Files.readString(ROOT.resolve("worker-module/src/main/resources/application.yml")));
    return ManifestRules.duration(
        yml.at("/spring/lifecycle/timeout-per-shutdown-phase").asString());
  }

  /** The uid the Dockerfile creates its user with. */
  static long imageUid() throws IOException {
    Matcher m =
        Pattern.compile("useradd [^\\n]*--uid (\\d+)")
            .matcher(Files.readString(ROOT.resolve("Dockerfile")));
    assertThat(m.find()).as("the Dockerfile creates a user with a fixed uid").isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The Secrets README's "Running on Kubernetes" has the user create, with their keys. */
  static Map<String, Set<String>> readmeSecrets() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md")).replace("\\\n", " ");
    Map<String, Set<String>> secrets = new LinkedHashMap<>();
    Matcher command = Pattern.compile("create secret generic ([\\w.-]+)([^\\n]*)").matcher(readme);
    while (command.find()) {
      Set<String> keys = secrets.computeIfAbsent(command.group(1), k -> new TreeSet<>());
      Matcher key = Pattern.compile("--from-literal=([\\w.-]+)=").matcher(command.group(2));
      while (key.find()) {
        keys.add(key.group(1));
      }
    }
    return secrets;
  }
}
