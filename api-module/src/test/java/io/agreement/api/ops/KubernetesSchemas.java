package io.agreement.api.ops;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes 1.34's OpenAPI schemas and the operators' CRD schemas (test resources
 * kubernetes-schemas/, see SOURCES.md there), as one JSON Schema document that validates an object
 * by its apiVersion and kind, strictly: every object schema that lists its properties and says
 * nothing of others refuses unknown fields, as the API server does with {@code kubectl apply
 * --validate=strict}. Schemas marked {@code x-kubernetes-preserve-unknown-fields} stay open.
 */
final class KubernetesSchemas {

  private static final List<String> CORE =
      List.of(
          "api__v1_openapi.json",
          "apis__apps__v1_openapi.json",
          "apis__autoscaling__v2_openapi.json",
          "apis__batch__v1_openapi.json",
          "apis__networking.k8s.io__v1_openapi.json",
          "apis__policy__v1_openapi.json");
  private static final List<String> CRDS =
      List.of(
          "keda.sh_scaledobjects.yaml",
          "keda.sh_triggerauthentications.yaml",
          "monitoring.coreos.com_servicemonitors.yaml",
          "rabbitmq.com_rabbitmqclusters.yaml");
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  private static final List<String> SUBSCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

  private final ObjectNode components = JsonMapper.shared().createObjectNode();
  private final ObjectNode schemas = components.putObject("schemas");
  private final Map<String, String> byApiVersionAndKind = new HashMap<>();
  private final Map<String, Schema> compiled = new HashMap<>();
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect());

  static KubernetesSchemas load() {
    KubernetesSchemas loaded = new KubernetesSchemas();
    CORE.forEach(file -> loaded.addCore(JsonMapper.shared().readTree(resource(file))));
    CRDS.forEach(file -> loaded.addCrd(Kustomize.YAML.readTree(resource(file))));
    loaded.schemas.values().forEach(KubernetesSchemas::strict);
    return loaded;
  }

  /** The schema violations of one object, each "kind/name: location: message"; empty if valid. */
  List<String> validate(JsonNode object) {
    String key = object.path("apiVersion").asString() + " " + object.path("kind").asString();
    String name = object.path("kind").asString() + "/" + object.at("/metadata/name").asString();
    if (!byApiVersionAndKind.containsKey(key)) {
      return List.of(name + ": no schema for " + key);
    }
    Schema schema = compiled.computeIfAbsent(key, k -> compile(byApiVersionAndKind.get(k)));
    return schema.validate(object).stream().map(error -> name + ": " + error).toList();
  }

  private Schema compile(String schemaName) {
    ObjectNode root = JsonMapper.shared().createObjectNode();
    root.put("$ref", "#/components/schemas/" + schemaName);
    root.set("components", components);
    return registry.getSchema(root);
  }

  /**
   * JSON Schema 2020-12 that passes over Kubernetes' own keywords ({@code x-kubernetes-*}: list
   * types, merge keys, CEL rules the API server evaluates) and refuses any other keyword it does
   * not know, so that no constraint is skipped unnoticed.
   */
  private static Dialect dialect() {
    return Dialect.builder(Dialects.getDraft202012())
        .unknownKeywordFactory(
            (keyword, context) -> {
              if (keyword.startsWith("x-kubernetes-") || keyword.equals("components")) {
                return new NonValidationKeyword(keyword);
              }
              throw new IllegalStateException("unknown schema keyword " + keyword);
            })
        .build();
  }

  private void addCore(JsonNode document) {
    for (Map.Entry<String, JsonNode> entry : document.at("/components/schemas").properties()) {
      schemas.putIfAbsent(entry.getKey(), entry.getValue());
      for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asString();
        String apiVersion = (group.isEmpty() ? "" : group + "/") + gvk.path("version").asString();
        byApiVersionAndKind.putIfAbsent(
            apiVersion + " " + gvk.path("kind").asString(), entry.getKey());
      }
    }
  }

  /** A CRD's schema per version, its metadata checked as the ObjectMeta it is. */
  private void addCrd(JsonNode crd) {
    String group = crd.at("/spec/group").asString();
    String kind = crd.at("/spec/names/kind").asString();
    for (JsonNode version : crd.at("/spec/versions")) {
      String apiVersion = group + "/" + version.path("name").asString();
      // A JSON pointer segment: no "/".
      String name = group + "." + version.path("name").asString() + "." + kind;
      ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
      ObjectNode metadata = ((ObjectNode) schema.get("properties")).putObject("metadata");
      metadata.put("$ref", "#/components/schemas/" + OBJECT_META);
      schemas.set(name, schema);
      byApiVersionAndKind.put(apiVersion + " " + kind, name);
    }
  }

  /**
   * Adds {@code additionalProperties: false} to every schema with {@code properties} and no {@code
   * additionalProperties}, walking schema positions only (never default or example values).
   */
  static void strict(JsonNode node) {
    if (!(node instanceof ObjectNode schema)) {
      return;
    }
    boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (schema.has("properties") && !schema.has("additionalProperties") && !open) {
      schema.put("additionalProperties", false);
    }
    schema.path("properties").values().forEach(KubernetesSchemas::strict);
    strict(schema.path("items"));
    strict(schema.path("additionalProperties"));
    strict(schema.path("not"));
    SUBSCHEMA_LISTS.forEach(list -> schema.path(list).values().forEach(KubernetesSchemas::strict));
  }

  private static String resource(String file) {
    try (InputStream in =
        KubernetesSchemas.class.getResourceAsStream("/kubernetes-schemas/" + file)) {
      if (in == null) {
        throw new IllegalStateException("kubernetes-schemas/" + file + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
