package io.agreement.api.ops;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The Prometheus text exposition format, just enough to read sample values by name and labels. */
record PrometheusText(String text) {

  List<String> lines(String name) {
    return text.lines()
        .filter(line -> !line.startsWith("#"))
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .toList();
  }

  /** Sum of the samples of {@code name} whose labels contain every given {@code label="value"}. */
  double value(String name, String... labels) {
    return lines(name).stream()
        .filter(line -> List.of(labels).stream().allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  Set<String> names() {
    return text.lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toSet());
  }
}
