package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.agreement.common.delivery.QueueProperties;
import io.agreement.common.delivery.QueueTopology;
import io.agreement.common.live.LiveProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
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
 * schemas cannot express ({@link ManifestRulesTest} shows each rule catching its mistake).
 */
class KubernetesManifestsTest {

  static final Path ROOT =
      Files.isRegularFile(Path.of("docker-compose.yml")) ? Path.of(".") : Path.of("..");
  private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
  private static final List<String> RENDERINGS =
      List.of("base", "overlays/standalone", "overlays/label-studio");
  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.load();

  /** The queues KEDA watches: the job queue and live refresh's queue, by their default names. */
  static final Set<String> QUEUES =
      Set.of(defaultQueueProperties().name(), defaultLiveProperties().queue());

  static List<ObjectNode> render(String dir) {
    return Kustomize.render(KUBERNETES.resolve(dir));
  }

  private static QueueProperties defaultQueueProperties() {
    return new Binder(new MapConfigurationPropertySource())
        .bindOrCreate("agreement.queue", QueueProperties.class);
  }

  private static LiveProperties defaultLiveProperties() {
    return new Binder(new MapConfigurationPropertySource())
        .bindOrCreate("agreement.live", LiveProperties.class);
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
    void the_schemas_are_the_upstream_files_sources_md_lists() throws Exception {
      Path dir = ROOT.resolve("api-module/src/test/resources/kubernetes-schemas");
      Matcher row =
          Pattern.compile("(?m)^\\| `([^`]+)` \\|.* \\| ([0-9a-f]{64}) \\|$")
              .matcher(Files.readString(dir.resolve("SOURCES.md")));
      Set<String> listed = new TreeSet<>();
      while (row.find()) {
        listed.add(row.group(1));
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve(row.group(1))));
        assertThat(HexFormat.of().formatHex(digest)).as(row.group(1)).isEqualTo(row.group(2));
      }
      try (var files = Files.list(dir)) {
        assertThat(listed)
            .containsExactlyInAnyOrderElementsOf(
                files
                    .map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals("SOURCES.md"))
                    .toList());
      }
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
      assertThat(ScalingRules.workerContainer(scaling.worker()).path("command").valueStream())
          .as("the worker's collector is named, as in docker-compose.yml (README \"Benchmarks\")")
          .map(JsonNode::asString)
          .containsExactly("java", "-XX:+UseSerialGC", "-jar", ScalingRules.WORKER_JAR);
      assertThat(hardening.resourcesSizeTheJvm()).isEmpty();
      assertThat(hardening.podsRunAsNonRoot(imageUid())).isEmpty();
      assertThat(hardening.secretsComeFromSecrets(readmeSecrets())).isEmpty();
      assertThat(hardening.imagesArePinned()).isEmpty();
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

  /** The probed paths exist in both applications; HealthIT requests them from running ones. */
  @ParameterizedTest
  @ValueSource(strings = {"api-module", "worker-module"})
  void both_applications_serve_the_probed_paths(String module) throws IOException {
    JsonNode yml =
        Kustomize.YAML.readTree(
            Files.readString(ROOT.resolve(module + "/src/main/resources/application.yml")));
    assertThat(yml.at("/management/endpoint/health/probes/enabled").asBoolean()).isTrue();
    assertThat(yml.at("/management/endpoints/web/exposure/include").asString()).contains("health");
    assertThat(yml.at("/management/server/port").isMissingNode())
        .as("actuator on SERVER_PORT, the port the probes use")
        .isTrue();
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
