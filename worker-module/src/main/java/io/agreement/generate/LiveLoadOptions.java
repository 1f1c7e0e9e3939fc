package io.agreement.generate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code live-load} does: annotation changes at a fixed rate, and optionally Label Studio's
 * webhook of each one.
 *
 * @param jdbcUrl the database with the Label Studio tables and the service's schema
 * @param user the database user
 * @param password the database password
 * @param rate annotation changes per second, spread over every project with tasks
 * @param seconds how long the measured load lasts
 * @param warmupSeconds how long a load at the same rate runs first, unmeasured, and is drained, so
 *     the measured one meets warm processes
 * @param threads concurrent "annotators"; each task is changed by one thread only, so the order of
 *     a task's changes is known
 * @param creates share of changes that create an annotation (the mix is creates:edits:deletes)
 * @param edits share of changes that edit one (new result, updated_at now)
 * @param deletes share of changes that delete one
 * @param webhook where Label Studio's webhooks go after each commit; null sends none (sweep only)
 * @param secret the X-Agreement-Webhook-Secret header's value; set exactly when webhook is
 * @param poll how often the scores are read back while changes are pending
 * @param drainTimeout how long after the load to wait for every change to be visible
 * @param newAnnotators annotators added to each organization first, so creates have someone who has
 *     not yet annotated the task
 * @param seed random seed of the choices of task, annotation and result
 */
public record LiveLoadOptions(
    String jdbcUrl,
    String user,
    String password,
    double rate,
    int seconds,
    int warmupSeconds,
    int threads,
    int creates,
    int edits,
    int deletes,
    URI webhook,
    String secret,
    Duration poll,
    Duration drainTimeout,
    int newAnnotators,
    long seed) {

  public static final String USAGE =
      "usage: live-load [--rate N] [--seconds N] [--warmup-seconds N] [--threads N] [--mix CREATES,EDITS,DELETES]"
          + " [--webhook URL --secret S] [--poll-ms N] [--drain-timeout N] [--new-annotators N]"
          + " [--seed N] [--jdbc-url URL] [--user U] [--password P]";

  public LiveLoadOptions {
    require(
        jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:"),
        "--jdbc-url (or SPRING_DATASOURCE_URL) must be a jdbc:postgresql: URL");
    require(rate > 0 && rate <= 10_000, "--rate must be above 0 and at most 10000");
    require(seconds >= 1 && seconds <= 3600, "--seconds must be between 1 and 3600");
    require(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup-seconds must be 0..600");
    require(threads >= 1 && threads <= 64, "--threads must be between 1 and 64");
    require(
        creates >= 0 && edits >= 0 && deletes >= 0 && creates + edits + deletes > 0,
        "--mix needs three shares of zero or more, not all zero (e.g. 60,30,10)");
    require(
        (webhook == null) == (secret == null || secret.isEmpty()),
        "--webhook and --secret go together: both for the webhook run, neither for sweep only");
    require(
        webhook == null
            || webhook.getScheme() != null
                && (webhook.getScheme().equals("http") || webhook.getScheme().equals("https")),
        "--webhook must be an http or https URL");
    require(
        poll.toMillis() >= 5 && poll.toMillis() <= 5000, "--poll-ms must be between 5 and 5000");
    require(
        !drainTimeout.isNegative() && drainTimeout.toSeconds() <= 3600,
        "--drain-timeout must be between 0 and 3600 seconds");
    require(newAnnotators >= 0 && newAnnotators <= 1000, "--new-annotators must be 0..1000");
  }

  private static final Set<String> FLAGS =
      Set.of(
          "--rate",
          "--warmup-seconds",
          "--seconds",
          "--threads",
          "--mix",
          "--webhook",
          "--secret",
          "--poll-ms",
          "--drain-timeout",
          "--new-annotators",
          "--seed",
          "--jdbc-url",
          "--user",
          "--password");

  /**
   * Parses {@code --name value} pairs; the database defaults to the environment's
   * SPRING_DATASOURCE_URL, _USERNAME and _PASSWORD. Throws on anything unknown or out of range.
   */
  public static LiveLoadOptions parse(List<String> args, Map<String, String> env) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String flag = args.get(i);
      require(FLAGS.contains(flag), "unknown option " + flag + "; known: " + new TreeSet<>(FLAGS));
      require(i + 1 < args.size(), "missing value for " + flag);
      require(given.put(flag, args.get(i + 1)) == null, flag + " is given twice");
    }
    int[] mix = mix(given.getOrDefault("--mix", "60,30,10"));
    return new LiveLoadOptions(
        given.getOrDefault("--jdbc-url", env.get("SPRING_DATASOURCE_URL")),
        given.getOrDefault("--user", env.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres")),
        given.getOrDefault("--password", env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "")),
        decimal(given, "--rate", 100),
        number(given, "--seconds", 60),
        number(given, "--warmup-seconds", 5),
        number(given, "--threads", 8),
        mix[0],
        mix[1],
        mix[2],
        uri(given.get("--webhook")),
        given.get("--secret"),
        Duration.ofMillis(whole(given, "--poll-ms", 50)),
        Duration.ofSeconds(whole(given, "--drain-timeout", 120)),
        number(given, "--new-annotators", 20),
        whole(given, "--seed", 1));
  }

  /** The warm-up's load: the same, for the warm-up's length, with other random draws. */
  public LiveLoadOptions warmup() {
    return new LiveLoadOptions(
        jdbcUrl,
        user,
        password,
        rate,
        Math.max(1, warmupSeconds),
        0,
        threads,
        creates,
        edits,
        deletes,
        webhook,
        secret,
        poll,
        drainTimeout,
        newAnnotators,
        seed + 1);
  }

  /** What a change with this random draw in [0, 1) does. */
  public ChangeKind kind(double draw) {
    double total = creates + edits + deletes;
    if (draw * total < creates) {
      return ChangeKind.CREATE;
    }
    return draw * total < creates + edits ? ChangeKind.EDIT : ChangeKind.DELETE;
  }

  public boolean webhooks() {
    return webhook != null;
  }

  /** What one change does to Label Studio's tables. */
  public enum ChangeKind {
    CREATE,
    EDIT,
    DELETE
  }

  private static int[] mix(String value) {
    String[] parts = value.split(",", -1);
    require(
        parts.length == 3, "--mix needs three shares CREATES,EDITS,DELETES, got '" + value + "'");
    int[] shares = new int[3];
    for (int i = 0; i < 3; i++) {
      shares[i] = parseNumber("--mix", parts[i].trim());
    }
    return shares;
  }

  private static URI uri(String value) {
    if (value == null) {
      return null;
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--webhook is not a URL: " + e.getMessage());
    }
  }

  private static int number(Map<String, String> given, String flag, int fallback) {
    String v = given.get(flag);
    return v == null ? fallback : parseNumber(flag, v);
  }

  private static int parseNumber(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + v + "'");
    }
  }

  private static long whole(Map<String, String> given, String flag, long fallback) {
    String v = given.get(flag);
    return v == null ? fallback : parseWhole(flag, v);
  }

  private static long parseWhole(String flag, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + v + "'");
    }
  }

  private static double decimal(Map<String, String> given, String flag, double fallback) {
    String v = given.get(flag);
    try {
      double d = v == null ? fallback : Double.parseDouble(v);
      require(Double.isFinite(d), flag + " needs a finite number, got '" + v + "'");
      return d;
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
