package io.agreement.api.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a Kustomize directory as {@code kubectl kustomize} does, for exactly the subset of
 * Kustomize that deploy/kubernetes uses, so that the tests need no kubectl: {@code resources}
 * (files and directories), {@code namespace}, {@code labels} (pairs on metadata only), {@code
 * images} ({@code newName}, {@code newTag}), {@code patches} (strategic merge patches from files,
 * matched by apiVersion, kind and name; lists of named items merge by name in built-in kinds) and
 * {@code configMapGenerator} (files, without a name hash). Anything else is refused, so a
 * kustomization that grows past the subset fails here instead of rendering differently.
 */
final class Kustomize {

  static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final Set<String> KEYS =
      Set.of(
          "apiVersion",
          "kind",
          "resources",
          "namespace",
          "labels",
          "images",
          "patches",
          "configMapGenerator");
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "policy");

  private Kustomize() {}

  static List<ObjectNode> render(Path dir) {
    ObjectNode kustomization = (ObjectNode) readAll(dir.resolve("kustomization.yaml")).get(0);
    for (String key : kustomization.propertyNames()) {
      require(KEYS.contains(key), dir + ": '" + key + "' is outside the supported subset");
    }
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = dir.resolve(resource.asString()).normalize();
      objects.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
    }
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      objects.add(configMap(dir, generator));
    }
    for (JsonNode patch : kustomization.path("patches")) {
      only(patch, Set.of("path"));
      patch(objects, readAll(dir.resolve(patch.path("path").asString())).get(0));
    }
    if (kustomization.has("namespace")) {
      String namespace = kustomization.path("namespace").asString();
      objects.stream()
          .filter(o -> !o.path("kind").asString().equals("Namespace"))
          .forEach(o -> metadata(o).put("namespace", namespace));
    }
    for (JsonNode labels : kustomization.path("labels")) {
      only(labels, Set.of("pairs"));
      objects.forEach(o -> labels(o).setAll((ObjectNode) labels.path("pairs")));
    }
    for (JsonNode image : kustomization.path("images")) {
      only(image, Set.of("name", "newName", "newTag"));
      objects.forEach(o -> setImage(o, image));
    }
    requireUniqueIds(objects);
    return objects;
  }

  static List<ObjectNode> readAll(Path file) {
    try {
      List<ObjectNode> documents = new ArrayList<>();
      String text = Files.readString(file);
      for (JsonNode document :
          YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
        if (document instanceof ObjectNode object) {
          documents.add(object);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "apiVersion kind namespace/name", the identity Kustomize keeps unique. */
  static String id(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return object.path("apiVersion").asString()
        + " "
        + object.path("kind").asString()
        + " "
        + metadata.path("namespace").asString()
        + "/"
        + metadata.path("name").asString();
  }

  private static ObjectNode configMap(Path dir, JsonNode generator) {
    only(generator, Set.of("name", "files", "options"));
    only(generator.path("options"), Set.of("disableNameSuffixHash", "labels"));
    require(
        generator.path("options").path("disableNameSuffixHash").asBoolean(false),
        "configMapGenerator: only disableNameSuffixHash: true is supported");
    ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    metadata(configMap).put("name", generator.path("name").asString());
    if (generator.path("options").has("labels")) {
      labels(configMap).setAll((ObjectNode) generator.path("options").path("labels"));
    }
    ObjectNode data = configMap.putObject("data");
    for (JsonNode file : generator.path("files")) {
      require(!file.asString().contains("="), "configMapGenerator: key=file is not supported");
      Path path = dir.resolve(file.asString());
      data.put(path.getFileName().toString(), read(path));
    }
    return configMap;
  }

  private static void patch(List<ObjectNode> objects, ObjectNode patch) {
    List<ObjectNode> targets =
        objects.stream()
            .filter(o -> o.path("apiVersion").equals(patch.path("apiVersion")))
            .filter(o -> o.path("kind").equals(patch.path("kind")))
            .filter(o -> o.path("metadata").path("name").equals(patch.at("/metadata/name")))
            .toList();
    require(targets.size() == 1, "patch " + id(patch) + " matches " + targets.size() + " objects");
    merge(targets.get(0), patch, builtIn(patch));
  }

  /**
   * A strategic merge: maps merge, null deletes, lists of named items merge by name in built-in
   * kinds; other lists are replaced, as in a JSON merge patch, which is what Kustomize applies to
   * custom resources.
   */
  static void merge(ObjectNode target, ObjectNode patch, boolean mergeNamedLists) {
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      JsonNode old = target.get(entry.getKey());
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        target.remove(entry.getKey());
      } else if (old instanceof ObjectNode o && value instanceof ObjectNode p) {
        merge(o, p, mergeNamedLists);
      } else if (mergeNamedLists && named(old) && named(value)) {
        target.set(entry.getKey(), mergeByName((ArrayNode) old, (ArrayNode) value));
      } else {
        target.set(entry.getKey(), value.deepCopy());
      }
    }
  }

  /** The patch's items in its order, merged into their originals, then the other originals. */
  private static ArrayNode mergeByName(ArrayNode old, ArrayNode patch) {
    Map<String, ObjectNode> rest = new LinkedHashMap<>();
    old.forEach(item -> rest.put(item.path("name").asString(), (ObjectNode) item.deepCopy()));
    ArrayNode result = YAML.createArrayNode();
    for (JsonNode item : patch) {
      ObjectNode original = rest.remove(item.path("name").asString());
      if (original == null) {
        result.add(item.deepCopy());
      } else {
        merge(original, (ObjectNode) item, true);
        result.add(original);
      }
    }
    rest.values().forEach(result::add);
    return result;
  }

  private static boolean named(JsonNode list) {
    return list instanceof ArrayNode array
        && !array.isEmpty()
        && array.valueStream().allMatch(item -> item.path("name").isString());
  }

  private static boolean builtIn(JsonNode object) {
    String apiVersion = object.path("apiVersion").asString();
    return BUILT_IN_GROUPS.contains(apiVersion.contains("/") ? apiVersion.split("/")[0] : "");
  }

  /** Sets name and tag of every container image named like the entry, at any depth. */
  private static void setImage(JsonNode node, JsonNode entry) {
    for (String key : List.of("containers", "initContainers")) {
      for (JsonNode container : node.path(key)) {
        String image = container.path("image").asString();
        String name = image.replaceFirst("[:@].*$", "");
        if (name.equals(entry.path("name").asString())) {
          String tag = image.substring(name.length());
          String newName = entry.path("newName").asString(name);
          String newTag = entry.has("newTag") ? ":" + entry.path("newTag").asString() : tag;
          ((ObjectNode) container).put("image", newName + newTag);
        }
      }
    }
    node.values().forEach(child -> setImage(child, entry));
  }

  private static void requireUniqueIds(List<ObjectNode> objects) {
    Set<String> ids = new HashSet<>();
    objects.forEach(o -> require(ids.add(id(o)), "two objects are " + id(o)));
  }

  private static ObjectNode metadata(ObjectNode object) {
    return object.has("metadata")
        ? (ObjectNode) object.get("metadata")
        : object.putObject("metadata");
  }

  private static ObjectNode labels(ObjectNode object) {
    ObjectNode metadata = metadata(object);
    return metadata.has("labels")
        ? (ObjectNode) metadata.get("labels")
        : metadata.putObject("labels");
  }

  private static void only(JsonNode node, Set<String> keys) {
    node.propertyNames()
        .forEach(
            key -> require(keys.contains(key), "'" + key + "' is outside the supported subset"));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
