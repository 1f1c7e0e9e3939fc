package io.agreement.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Label Studio result JSON, written the way Label Studio writes it. */
final class Results {

  private Results() {}

  static String result(String... items) {
    return "[" + String.join(",", items) + "]";
  }

  static String item(String fromName, String type, String value) {
    return """
    {"value":%s,"id":"%s","from_name":"%s","to_name":"obj","type":"%s","origin":"manual"}\
    """
        .formatted(value, Integer.toHexString(value.hashCode()), fromName, type);
  }

  static String choices(String fromName, String... choices) {
    return item(fromName, "choices", "{\"choices\":" + strings(choices) + "}");
  }

  static String span(String fromName, String label, double start, double end) {
    return item(
        fromName,
        "labels",
        "{\"start\":%s,\"end\":%s,\"text\":\"t\",\"labels\":[\"%s\"]}"
            .formatted(start, end, label));
  }

  static String box(String fromName, String label, double x, double y, double w, double h) {
    return rotatedBox(fromName, label, x, y, w, h, 0);
  }

  static String rotatedBox(
      String fromName, String label, double x, double y, double w, double h, double rotation) {
    String value =
        "{\"x\":%s,\"y\":%s,\"width\":%s,\"height\":%s,\"rotation\":%s,\"rectanglelabels\":[\"%s\"]}"
            .formatted(x, y, w, h, rotation, label);
    return """
    {"original_width":800,"original_height":800,"image_rotation":0,"value":%s,\
    "id":"r","from_name":"%s","to_name":"image","type":"rectanglelabels"}\
    """
        .formatted(value, fromName);
  }

  static String keypoint(String fromName, String label, double x, double y) {
    return item(
        fromName,
        "keypointlabels",
        "{\"x\":%s,\"y\":%s,\"width\":0.5,\"keypointlabels\":[\"%s\"]}".formatted(x, y, label));
  }

  static String text(String fromName, String... lines) {
    return item(fromName, "textarea", "{\"text\":" + strings(lines) + "}");
  }

  static String number(String fromName, double number) {
    return item(fromName, "number", "{\"number\":" + number + "}");
  }

  static String rating(String fromName, double rating) {
    return item(fromName, "rating", "{\"rating\":" + rating + "}");
  }

  static String strings(String... values) {
    return strings(Arrays.asList(values));
  }

  static String strings(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
