package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The test renderer does what {@code kubectl kustomize} does for the subset it supports. */
class KustomizeTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app, labels: {a: "1"}}
      spec:
        template:
          spec:
            initContainers: [{name: init, image: "app"}]
            containers:
              - name: main
                image: app:old
                args: [x, y]
                env: [{name: ONE, value: "1"}, {name: TWO, value: "2"}]
              - {name: side, image: other:1.0}
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: {name: app}
      spec:
        maxReplicaCount: 20
        triggers: [{name: a, type: rabbitmq, metadata: {}}, {name: b, type: rabbitmq, metadata: {}}]
      """;

  @TempDir Path dir;

  @Test
  void renders_resources_of_files_and_directories_with_namespace_labels_and_images()
      throws IOException {
    write("base/app.yaml", DEPLOYMENT);
    write("base/kustomization.yaml", "resources: [app.yaml]\nlabels: [{pairs: {part: base}}]\n");
    write(
        "overlay/kustomization.yaml",
        """
        namespace: prod
        resources: [../base]
        images: [{name: app, newName: registry.example.com/app, newTag: "2.0"}]
        """);
    List<ObjectNode> objects = Kustomize.render(dir.resolve("overlay"));
    assertThat(objects)
        .extracting(Kustomize::id)
        .containsExactly("apps/v1 Deployment prod/app", "keda.sh/v1alpha1 ScaledObject prod/app");
    ObjectNode deployment = objects.get(0);
    assertThat(deployment.at("/metadata/labels").toString())
        .isEqualTo("{\"a\":\"1\",\"part\":\"base\"}");
    assertThat(deployment.at("/spec/template/metadata").isMissingNode())
        .as("no template labels")
        .isTrue();
    assertThat(images(deployment))
        .containsExactly(
            "registry.example.com/app:2.0", "registry.example.com/app:2.0", "other:1.0");
  }

  @Test
  void a_strategic_merge_patch_merges_named_items_in_built_in_kinds_only() throws IOException {
    writePatches();
    write(
        "kustomization.yaml",
        "resources: [app.yaml]\npatches: [{path: deployment.yaml}, {path: scaler.yaml}]\n");
    List<ObjectNode> objects = Kustomize.render(dir);
    JsonNode main = objects.get(0).at("/spec/template/spec/containers/0");
    assertThat(main.path("env").toString())
        .as("the patch's items in its order, then the others, as Kustomize orders them")
        .isEqualTo(
            "[{\"name\":\"TWO\",\"value\":\"22\"},{\"name\":\"THREE\",\"value\":\"3\"},{\"name\":\"ONE\",\"value\":\"1\"}]");
    assertThat(main.path("args").toString()).as("unnamed lists are replaced").isEqualTo("[\"z\"]");
    assertThat(main.path("image").asString()).isEqualTo("app:old");
    assertThat(objects.get(0).at("/spec/template/spec/containers/1/name").asString())
        .isEqualTo("side");
    JsonNode scaler = objects.get(1).path("spec");
    assertThat(scaler.has("maxReplicaCount")).as("null deletes").isFalse();
    assertThat(scaler.path("triggers")).as("custom resources: lists replaced").hasSize(1);
  }

  /** What kubectl kustomize (Kustomize v5.5.0) printed for the same files, word for word. */
  @Test
  void renders_what_kubectl_kustomize_renders() throws IOException {
    writePatches();
    write(
        "kustomization.yaml",
        """
        resources: [app.yaml]
        patches: [{path: deployment.yaml}, {path: scaler.yaml}]
        images: [{name: app, newName: registry.example.com/app, newTag: "2.0"}]
        namespace: prod
        labels: [{pairs: {part: base}}]
        """);
    String expected =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            a: "1"
            part: base
          name: app
          namespace: prod
        spec:
          template:
            spec:
              containers:
              - args:
                - z
                env:
                - name: TWO
                  value: "22"
                - name: THREE
                  value: "3"
                - name: ONE
                  value: "1"
                image: registry.example.com/app:2.0
                name: main
              - image: other:1.0
                name: side
              initContainers:
              - image: registry.example.com/app:2.0
                name: init
        ---
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata:
          labels:
            part: base
          name: app
          namespace: prod
        spec:
          triggers:
          - metadata:
              queueName: q
            name: b
            type: rabbitmq
        """;
    write("expected.yaml", expected);
    assertThat(Kustomize.render(dir)).isEqualTo(Kustomize.readAll(dir.resolve("expected.yaml")));
  }

  @Test
  void generates_a_config_map_from_files_without_a_name_hash() throws IOException {
    write("dashboard.json", "{\"uid\": \"x\"}\n");
    write(
        "kustomization.yaml",
        """
        configMapGenerator:
          - name: dashboards
            files: [dashboard.json]
            options: {disableNameSuffixHash: true, labels: {grafana_dashboard: "1"}}
        """);
    ObjectNode configMap = Kustomize.render(dir).get(0);
    assertThat(Kustomize.id(configMap)).isEqualTo("v1 ConfigMap /dashboards");
    assertThat(configMap.at("/data/dashboard.json").asString()).isEqualTo("{\"uid\": \"x\"}\n");
    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asString()).isEqualTo("1");
  }

  @Test
  void refuses_what_it_would_not_render_as_kustomize_does() throws IOException {
    write("app.yaml", DEPLOYMENT);
    assertRefused("resources: [app.yaml]\ncommonLabels: {a: b}\n", "'commonLabels'");
    assertRefused("resources: [app.yaml]\nnamePrefix: x-\n", "'namePrefix'");
    assertRefused(
        "resources: [app.yaml]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n",
        "'includeSelectors'");
    assertRefused(
        "resources: [app.yaml]\npatches: [{path: app.yaml, target: {kind: Deployment}}]\n",
        "'target'");
    assertRefused("configMapGenerator: [{name: c, files: [app.yaml]}]\n", "disableNameSuffixHash");
    assertRefused("resources: [app.yaml, app.yaml]\n", "two objects are apps/v1 Deployment /app");
    write("other.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nothing}\n");
    assertRefused("resources: [app.yaml]\npatches: [{path: other.yaml}]\n", "matches 0 objects");
  }

  private void assertRefused(String kustomization, String message) throws IOException {
    write("kustomization.yaml", kustomization);
    assertThatThrownBy(() -> Kustomize.render(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static List<String> images(JsonNode deployment) {
    return ManifestRules.containers(deployment).map(c -> c.path("image").asString()).toList();
  }

  private void writePatches() throws IOException {
    write("app.yaml", DEPLOYMENT);
    write(
        "deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers:
                - name: main
                  args: [z]
                  env: [{name: TWO, value: "22"}, {name: THREE, value: "3"}]
        """);
    write(
        "scaler.yaml",
        """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: app}
        spec:
          maxReplicaCount: null
          triggers: [{name: b, type: rabbitmq, metadata: {queueName: q}}]
        """);
  }

  private void write(String file, String content) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }
}
