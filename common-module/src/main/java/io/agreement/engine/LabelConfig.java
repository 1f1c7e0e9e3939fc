package io.agreement.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The control tags of a Label Studio label config (SPEC 4.1). */
public final class LabelConfig {

  static final int MAX_BYTES = 1024 * 1024;

  private final Map<String, ControlTag> tags;

  private LabelConfig(Map<String, ControlTag> tags) {
    this.tags = tags;
  }

  /**
   * Parses a label config. A config without control tags is valid and has none.
   *
   * @throws InvalidLabelConfigException if it is empty, larger than 1 MiB, not well-formed, nests
   *     deeper than 100 elements, declares a DOCTYPE or names two control tags alike
   */
  public static LabelConfig parse(String xml) {
    requireSize(xml);
    Element root = SecureXml.parse(xml).getDocumentElement();
    Map<String, ControlTag> tags = new LinkedHashMap<>();
    Map<String, String> objects = new HashMap<>();
    forEachElement(
        root,
        element -> {
          controlTag(element).ifPresent(tag -> add(tags, tag));
          if (element.hasAttribute("name") && !element.hasAttribute("toName")) {
            objects.putIfAbsent(element.getAttribute("name"), element.getTagName());
          }
        });
    tags.replaceAll(
        (name, tag) ->
            tag.toNames().isEmpty() ? tag : tag.withObjectType(objects.get(tag.toNames().get(0))));
    return new LabelConfig(tags);
  }

  /** Document order. */
  public List<ControlTag> controlTags() {
    return List.copyOf(tags.values());
  }

  public Optional<ControlTag> controlTag(String name) {
    return Optional.ofNullable(tags.get(name));
  }

  private static void requireSize(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new InvalidLabelConfigException("label config is empty");
    }
    boolean tooLarge =
        xml.length() > MAX_BYTES
            || (xml.length() > MAX_BYTES / 3
                && xml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
    if (tooLarge) {
      throw new InvalidLabelConfigException("label config is larger than 1 MiB");
    }
    if (xml.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
      throw new InvalidLabelConfigException("label config must not contain a DOCTYPE declaration");
    }
  }

  private static Optional<ControlTag> controlTag(Element element) {
    String type = element.getTagName();
    if (!element.hasAttribute("name") || !element.hasAttribute("toName") || "Filter".equals(type)) {
      return Optional.empty();
    }
    List<String> toNames =
        Arrays.stream(element.getAttribute("toName").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    return Optional.of(
        new ControlTag(
            element.getAttribute("name"),
            type,
            toNames,
            "multiple".equalsIgnoreCase(element.getAttribute("choice")),
            "true".equalsIgnoreCase(element.getAttribute("perRegion")),
            childValues(element),
            null,
            maxRating(element)));
  }

  /**
   * A Rating's {@code maxRating} when it is a whole number from 1 to 100 (a scale longer than that
   * is no rating scale); null otherwise.
   */
  private static Integer maxRating(Element element) {
    if (!"Rating".equals(element.getTagName()) || !element.hasAttribute("maxRating")) {
      return null;
    }
    try {
      int max = Integer.parseInt(element.getAttribute("maxRating").trim());
      return max >= 1 && max <= 100 ? max : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * What results say for each {@code Choice} or {@code Label} below the tag, in document order: its
   * {@code alias} where it has one (Label Studio then stores the alias), else its {@code value}.
   * Nested choices count too; a dynamic value such as {@code $options} is no choice.
   */
  private static List<String> childValues(Element element) {
    List<String> values = new ArrayList<>();
    NodeList children = element.getElementsByTagName("*");
    for (int i = 0; i < children.getLength(); i++) {
      Element e = (Element) children.item(i);
      if (!"Choice".equals(e.getTagName()) && !"Label".equals(e.getTagName())) {
        continue;
      }
      String said = e.hasAttribute("alias") ? e.getAttribute("alias") : e.getAttribute("value");
      if (!said.isEmpty() && !said.startsWith("$")) {
        values.add(said);
      }
    }
    return values;
  }

  private static void add(Map<String, ControlTag> tags, ControlTag tag) {
    if (tags.putIfAbsent(tag.name(), tag) != null) {
      throw new InvalidLabelConfigException(
          "label config has two control tags named '" + tag.name() + "'");
    }
  }

  /** Iterative pre-order walk, so that no document can exhaust the stack. */
  private static void forEachElement(Element root, Consumer<Element> visit) {
    Node node = root;
    int depth = 1;
    while (node != null) {
      if (node instanceof Element element) {
        requireDepth(depth);
        visit.accept(element);
      }
      Node child = node.getFirstChild();
      if (child != null) {
        node = child;
        depth++;
        continue;
      }
      while (node != root && node.getNextSibling() == null) {
        node = node.getParentNode();
        depth--;
      }
      node = node == root ? null : node.getNextSibling();
    }
  }

  private static void requireDepth(int depth) {
    if (depth > SecureXml.MAX_DEPTH) {
      throw new InvalidLabelConfigException(
          "label config nests elements deeper than " + SecureXml.MAX_DEPTH + " levels");
    }
  }
}
