package io.agreement.common.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to generate.
 *
 * @param projects projects in the new organization
 * @param tasks tasks per project
 * @param annotators annotators; each annotates every task
 * @param agreement probability that an annotator gives the task's reference answer
 * @param brokenProjects how many of the projects get a label config that is not well-formed
 * @param seed random seed, so a run can be repeated
 * @param organization title of the new organization
 * @param ownerEmail email of the organization's owner
 * @param token the owner's API token; random when null
 */
public record GeneratorOptions(
    int projects,
    int tasks,
    int annotators,
    double agreement,
    int brokenProjects,
    long seed,
    String organization,
    String ownerEmail,
    String token) {

  public GeneratorOptions {
    require(projects >= 0 && projects <= 100_000, "--projects must be between 0 and 100000");
    require(tasks >= 0 && tasks <= 10_000_000, "--tasks must be between 0 and 10000000");
    require(annotators >= 1 && annotators <= 1000, "--annotators must be between 1 and 1000");
    require(agreement >= 0 && agreement <= 1, "--agreement must be between 0 and 1");
    require(brokenProjects >= 0 && brokenProjects <= projects, "--broken must be <= --projects");
  }

  public static GeneratorOptions defaults() {
    return new GeneratorOptions(10, 100, 3, 0.7, 0, 42L, "Demo organization", null, null);
  }

  private static final Set<String> FLAGS =
      Set.of(
          "--projects",
          "--tasks",
          "--annotators",
          "--agreement",
          "--broken",
          "--seed",
          "--organization",
          "--email",
          "--token");

  /** Parses {@code --name value} pairs over the defaults; throws on anything unknown. */
  public static GeneratorOptions parse(List<String> args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String flag = args.get(i);
      require(FLAGS.contains(flag), "unknown option " + flag + "; known: " + new TreeSet<>(FLAGS));
      require(i + 1 < args.size(), "missing value for " + flag);
      given.put(flag, args.get(i + 1));
    }
    GeneratorOptions d = defaults();
    return new GeneratorOptions(
        number(given, "--projects", d.projects),
        number(given, "--tasks", d.tasks),
        number(given, "--annotators", d.annotators),
        decimal(given, "--agreement", d.agreement),
        number(given, "--broken", d.brokenProjects),
        (long) decimal(given, "--seed", d.seed),
        given.getOrDefault("--organization", d.organization),
        given.get("--email"),
        given.get("--token"));
  }

  private static int number(Map<String, String> given, String flag, int fallback) {
    String v = given.get(flag);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + v + "'");
    }
  }

  private static double decimal(Map<String, String> given, String flag, double fallback) {
    String v = given.get(flag);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
