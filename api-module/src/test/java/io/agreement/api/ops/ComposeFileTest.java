package io.agreement.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Static checks of the operations files (Docker is not needed): docker-compose.yml, the Dockerfile,
 * the Prometheus configuration and the Grafana provisioning and dashboard.
 */
class ComposeFileTest {

  private static final Path ROOT =
      Files.isRegularFile(Path.of("docker-compose.yml")) ? Path.of(".") : Path.of("..");
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
  private static final Path PROMETHEUS = ROOT.resolve("ops/prometheus/prometheus.yml");
  private static final Path DATASOURCES =
      ROOT.resolve("ops/grafana/provisioning/datasources/prometheus.yml");
  private static final Path DASHBOARD_PROVIDERS =
      ROOT.resolve("ops/grafana/provisioning/dashboards/dashboards.yml");
  private static final Path DASHBOARD =
      ROOT.resolve("ops/grafana/dashboards/agreement-backfill.json");

  /** Published ports bind to 127.0.0.1 unless AGREEMENT_BIND_ADDRESS says otherwise. */
  private static final String LOCAL = "${AGREEMENT_BIND_ADDRESS:-127.0.0.1}:";

  private static final Set<String> SERVICES =
      Set.of("postgres", "rabbitmq", "api", "worker", "seed", "prometheus", "grafana");
  private static final Set<String> CONDITIONS =
      Set.of("service_healthy", "service_started", "service_completed_successfully");

  /** Every metric the dashboard's application panels may use (see the apps' metrics). */
  private static final Set<String> KNOWN_METRICS =
      Set.of(
          "agreement_jobs",
          "agreement_projects",
          "agreement_tasks",
          "agreement_tasks_backfilled",
          "agreement_jobs_queued_total",
          "agreement_queue_messages",
          "agreement_publish_confirms_total",
          "agreement_relay_republished_total",
          "agreement_worker_jobs_finished_total",
          "agreement_worker_job_duration_seconds_bucket",
          "agreement_worker_job_duration_seconds_count",
          "agreement_worker_job_duration_seconds_sum",
          "agreement_worker_tasks_processed_total",
          "agreement_worker_annotations_processed_total",
          "agreement_worker_tag_scores_written_total",
          "agreement_worker_jobs_in_progress",
          "agreement_worker_claim_conflicts_total",
          "agreement_worker_duplicates_dropped_total",
          "agreement_worker_stale_jobs_rescued_total",
          "agreement_worker_messages_dead_lettered_total",
          "agreement_live_marks_total",
          "agreement_live_backlog_tasks",
          "agreement_live_backlog_projects",
          "agreement_live_backlog_oldest_seconds",
          "agreement_live_refresh_lag_seconds_bucket",
          "agreement_live_refresh_duration_seconds_bucket",
          "agreement_live_refreshes_total",
          "agreement_live_refresh_tasks_total",
          "jvm_memory_used_bytes",
          "jvm_memory_max_bytes",
          "process_cpu_usage",
          "hikaricp_connections_active",
          "http_server_requests_seconds_count");

  /** Panel title -> metrics its expressions must use. */
  private static final Map<String, List<String>> REQUIRED_PANELS = requiredPanels();

  private static Map<String, List<String>> requiredPanels() {
    Map<String, List<String>> panels = new LinkedHashMap<>();
    panels.put("Projects by job status", List.of("agreement_jobs"));
    panels.put("Backfill progress: projects", List.of("agreement_jobs", "agreement_projects"));
    panels.put(
        "Backfill progress: tasks", List.of("agreement_tasks_backfilled", "agreement_tasks"));
    panels.put("Throughput: tasks/s", List.of("agreement_worker_tasks_processed_total"));
    panels.put(
        "Throughput: annotations/s", List.of("agreement_worker_annotations_processed_total"));
    panels.put(
        "Job duration p50 / p95 / p99", List.of("agreement_worker_job_duration_seconds_bucket"));
    panels.put("Queue depth: ready / unacked", List.of("agreement_queue_messages"));
    panels.put("Dead-letter depth", List.of("agreement_queue_messages"));
    panels.put(
        "Failures and redeliveries",
        List.of(
            "agreement_worker_jobs_finished_total",
            "agreement_worker_duplicates_dropped_total",
            "agreement_worker_claim_conflicts_total",
            "agreement_worker_stale_jobs_rescued_total",
            "agreement_worker_messages_dead_lettered_total"));
    panels.put("JVM heap per process", List.of("jvm_memory_used_bytes"));
    panels.put("Live: dirty marks/s by source", List.of("agreement_live_marks_total"));
    panels.put(
        "Live: backlog",
        List.of("agreement_live_backlog_tasks", "agreement_live_backlog_oldest_seconds"));
    panels.put(
        "Live: lag from mark to committed score p50 / p95 / p99",
        List.of("agreement_live_refresh_lag_seconds_bucket"));
    return panels;
  }

  // ------------------------------------------------------------------------------------ compose

  @Test
  void composeHasEveryService() throws IOException {
    assertThat(services().keySet()).containsAll(SERVICES);
  }

  @Test
  void everyImageIsPinned() throws IOException {
    services()
        .forEach(
            (name, service) -> {
              assertThat(service.containsKey("image") || service.containsKey("build"))
                  .as(name + " has an image or a build")
                  .isTrue();
              String image = (String) service.get("image");
              if (image == null) {
                assertThat(service).as(name).containsKey("build");
                return;
              }
              String tag = tag(image);
              assertThat(tag)
                  .as(name + ": image " + image + " has a tag")
                  .isNotEmpty()
                  .isNotEqualTo("latest");
              if (!service.containsKey("build")) {
                assertThat(tag)
                    .as(name + ": pulled image " + image + " is pinned to a release")
                    .containsPattern("\\d+\\.\\d+");
              }
            });
  }

  @Test
  void everyDependencyExistsAndHasACondition() throws IOException {
    Map<String, Map<String, Object>> services = services();
    services.forEach(
        (name, service) -> {
          if (!service.containsKey("depends_on")) {
            return;
          }
          assertThat(service.get("depends_on"))
              .as(name + ": depends_on is a map with conditions")
              .isInstanceOf(Map.class);
          map(service.get("depends_on"))
              .forEach(
                  (dependency, spec) -> {
                    assertThat(services)
                        .as(name + " depends on " + dependency)
                        .containsKey(dependency);
                    String condition = (String) map(spec).get("condition");
                    assertThat(condition).as(name + " -> " + dependency).isIn(CONDITIONS);
                    if (condition.equals("service_healthy")) {
                      assertThat(services.get(dependency))
                          .as(dependency + " has a healthcheck")
                          .containsKey("healthcheck");
                    }
                  });
        });
  }

  @Test
  void appsWaitForTheirBackends() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(conditions(services.get("api")))
        .containsEntry("postgres", "service_healthy")
        .containsEntry("rabbitmq", "service_healthy");
    assertThat(conditions(services.get("worker"))).containsEntry("api", "service_healthy");
    assertThat(conditions(services.get("seed"))).containsEntry("api", "service_healthy");
    assertThat(conditions(services.get("grafana"))).containsEntry("prometheus", "service_healthy");
  }

  @Test
  void everyServiceButSeedHasAHealthcheck() throws IOException {
    services()
        .forEach(
            (name, service) -> {
              if (name.equals("seed")) {
                return;
              }
              assertThat(service).as(name).containsKey("healthcheck");
              Map<String, Object> healthcheck = map(service.get("healthcheck"));
              assertThat(healthcheck.get("disable")).as(name).isNotEqualTo(Boolean.TRUE);
              assertThat(String.join(" ", strings(healthcheck.get("test"))))
                  .as(name)
                  .isNotBlank()
                  .doesNotStartWith("NONE");
            });
  }

  @Test
  void appsCheckReadinessOnTheirOwnPort() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(healthcheck(services.get("api")))
        .contains("http://localhost:8080/actuator/health/readiness");
    assertThat(environment(services.get("api"))).containsEntry("SERVER_PORT", "8080");
    assertThat(healthcheck(services.get("worker")))
        .contains("http://localhost:8081/actuator/health/readiness");
    assertThat(environment(services.get("worker"))).containsEntry("SERVER_PORT", "8081");
    assertThat(healthcheck(services.get("postgres"))).contains("pg_isready");
    assertThat(healthcheck(services.get("rabbitmq"))).contains("rabbitmq-diagnostics -q ping");
  }

  @Test
  void apiIsConfiguredForTheComposeNetwork() throws IOException {
    Map<String, Object> api = services().get("api");
    assertThat(strings(api.get("command")))
        .containsExactly("java", "-jar", "/app/agreement-api.jar");
    assertThat(strings(api.get("ports"))).contains(LOCAL + "8080:8080");
    Map<String, String> env = environment(api);
    assertThat(env)
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/agreement")
        .containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq")
        .containsKeys(
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "SPRING_RABBITMQ_USERNAME",
            "SPRING_RABBITMQ_PASSWORD");
    for (String key :
        List.of(
            "AGREEMENT_BOOTSTRAP_ORGANIZATION",
            "AGREEMENT_BOOTSTRAP_EMAIL",
            "AGREEMENT_BOOTSTRAP_TOKEN")) {
      assertThat(env.get(key))
          .as(key + " has a default the shell can override")
          .matches("\\$\\{" + key + ":-[^}]+}");
    }
    String token = defaultOf(env.get("AGREEMENT_BOOTSTRAP_TOKEN"));
    assertThat(token.length()).as("bootstrap token length").isLessThanOrEqualTo(40);
  }

  @Test
  void rabbitmqExposesAmqpAndTheManagementUi() throws IOException {
    Map<String, Object> rabbitmq = services().get("rabbitmq");
    assertThat((String) rabbitmq.get("image")).startsWith("rabbitmq:4.1").endsWith("-management");
    assertThat(strings(rabbitmq.get("ports"))).contains(LOCAL + "5672:5672", LOCAL + "15672:15672");
    // The guest user only works from localhost: the apps must log in as the configured user.
    assertThat(environment(rabbitmq).get("RABBITMQ_DEFAULT_USER"))
        .isEqualTo(environment(services().get("api")).get("SPRING_RABBITMQ_USERNAME"));
  }

  @Test
  void portsArePublishedOnLocalhostUnlessTheShellSaysOtherwise() throws IOException {
    services()
        .forEach(
            (name, service) ->
                strings(service.get("ports"))
                    .forEach(port -> assertThat(port).as(name).startsWith(LOCAL)));
  }

  @Test
  void everyServiceHasAMemoryLimitAndTheJvmsSizeTheirHeapFromIt() throws IOException {
    services()
        .forEach(
            (name, service) ->
                assertThat(String.valueOf(service.get("mem_limit")))
                    .as(name + " mem_limit")
                    .matches("(\\$\\{\\w+:-)?\\d+[mg]}?"));
    for (String app : List.of("api", "worker", "seed")) {
      assertThat(environment(services().get(app)).get("JAVA_TOOL_OPTIONS"))
          .as(app)
          .contains("-XX:MaxRAMPercentage=75");
    }
  }

  @Test
  void prometheusCannotBeReconfiguredOverHttp() throws IOException {
    assertThat(strings(services().get("prometheus").get("command")))
        .as("--web.enable-lifecycle lets anyone who reaches :9090 shut Prometheus down")
        .noneMatch(flag -> flag.contains("enable-lifecycle") || flag.contains("enable-admin-api"));
  }

  @Test
  void workerScalesAndStopsGracefully() throws IOException {
    Map<String, Object> worker = services().get("worker");
    assertThat(worker)
        .as("a fixed name or host port would break --scale worker=N")
        .doesNotContainKeys("container_name", "ports", "hostname");
    assertThat(strings(worker.get("command")))
        .containsExactly("java", "-XX:+UseSerialGC", "-jar", "/app/agreement-worker.jar");
    Map<String, String> env = environment(worker);
    assertThat(env.get("AGREEMENT_WORKER_CONCURRENCY"))
        .isEqualTo("${AGREEMENT_WORKER_CONCURRENCY:-2}");
    Duration grace = duration(defaultOf(env.get("AGREEMENT_WORKER_SHUTDOWN_GRACE")));
    assertThat(grace).isEqualTo(Duration.ofSeconds(30));
    assertThat(duration((String) worker.get("stop_grace_period")))
        .as("stop_grace_period is longer than the worker's shutdown grace")
        .isGreaterThan(grace);
    assertThat(environment(worker))
        .containsEntry(
            "SPRING_DATASOURCE_URL",
            environment(services().get("api")).get("SPRING_DATASOURCE_URL"));
  }

  @Test
  void seedRunsOnceOnAnEmptyDatabase() throws IOException {
    Map<String, Object> seed = services().get("seed");
    String command = String.join(" ", strings(seed.get("command")));
    assertThat(command)
        .contains("psql")
        .contains("SELECT count(*) FROM project")
        .contains(
            "java -jar /app/agreement-worker.jar generate --projects 20 --tasks 500"
                + " --annotators 3 --agreement 0.7");
    assertThat(command.replace("$$", ""))
        .as("shell variables are written $$ so that compose does not interpolate them")
        .doesNotContain("$");
    assertThat(seed.get("restart")).isEqualTo("no");
    assertThat(environment(seed)).containsKeys("PGHOST", "PGDATABASE", "PGUSER", "PGPASSWORD");
  }

  @Test
  void appServicesShareOneImage() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services.get("api").get("image"))
        .isEqualTo(services.get("worker").get("image"))
        .isEqualTo(services.get("seed").get("image"));
  }

  @Test
  void mountedFilesExist() throws IOException {
    Map<String, String> mounts = new LinkedHashMap<>();
    services()
        .forEach(
            (name, service) -> {
              for (String volume : strings(service.get("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith("./")) {
                  assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
                  mounts.put(source, volume.split(":")[1]);
                }
              }
            });
    assertThat(mounts)
        .containsEntry("./ops/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml")
        .containsEntry("./ops/grafana/provisioning", "/etc/grafana/provisioning");
    // The dashboards provider reads the directory the dashboards are mounted at.
    Map<String, Object> provider = map(list(yaml(DASHBOARD_PROVIDERS).get("providers")).get(0));
    assertThat(mounts.get("./ops/grafana/dashboards"))
        .isEqualTo(map(provider.get("options")).get("path"));
  }

  // ---------------------------------------------------------------------------------- Dockerfile

  @Test
  void dockerfileBuildsBothJarsIntoOneNonRootImage() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile)
        .containsPattern("(?m)^FROM maven:3\\.9[\\w.-]*-eclipse-temurin-17 AS build$")
        .containsPattern("(?m)^FROM eclipse-temurin:17[\\w.-]*-jre[\\w.-]*$")
        .contains("mvn -B -DskipTests package")
        .contains("/app/agreement-api.jar")
        .contains("/app/agreement-worker.jar")
        .containsPattern("(?m)^USER (?!root)\\w+")
        .doesNotContainPattern("(?m)^ENTRYPOINT");
    // The poms are copied before the sources, each module's included.
    String root = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(root);
    int sources = dockerfile.indexOf("/src ");
    while (module.find()) {
      int pom = dockerfile.indexOf("COPY " + module.group(1) + "/pom.xml");
      assertThat(pom).as(module.group(1) + "/pom.xml is copied").isPositive().isLessThan(sources);
      assertThat(dockerfile).contains("COPY " + module.group(1) + "/src ");
    }
    assertThat(Files.readString(ROOT.resolve("api-module/pom.xml")))
        .contains("<finalName>agreement-api</finalName>");
    assertThat(Files.readString(ROOT.resolve("worker-module/pom.xml")))
        .contains("<finalName>agreement-worker</finalName>");
  }

  // ---------------------------------------------------------------------------------- Prometheus

  @Test
  void prometheusScrapesTheApiEveryWorkerAndTheBroker() throws IOException {
    Map<String, Object> config = yaml(PROMETHEUS);
    assertThat(map(config.get("global"))).containsEntry("scrape_interval", "5s");
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    for (Object job : list(config.get("scrape_configs"))) {
      jobs.put((String) map(job).get("job_name"), map(job));
    }

    Map<String, Object> api = jobs.get("agreement-api");
    assertThat(api)
        .containsEntry("metrics_path", "/actuator/prometheus")
        .containsEntry("honor_labels", true);
    assertThat(targets(api)).containsExactly("api:8080");

    Map<String, Object> worker = jobs.get("agreement-worker");
    assertThat(worker)
        .containsEntry("metrics_path", "/actuator/prometheus")
        .containsEntry("honor_labels", true)
        .doesNotContainKey("static_configs");
    Map<String, Object> dns = map(list(worker.get("dns_sd_configs")).get(0));
    assertThat(strings(dns.get("names"))).containsExactly("worker");
    assertThat(dns).containsEntry("type", "A").containsEntry("port", 8081);

    assertThat(jobs.get("rabbitmq")).isNotNull();
    assertThat(targets(jobs.get("rabbitmq"))).containsExactly("rabbitmq:15692");

    // Every target is a compose service.
    Set<String> services = services().keySet();
    jobs.values()
        .forEach(
            job ->
                targets(job)
                    .forEach(
                        target ->
                            assertThat(services)
                                .as(target)
                                .contains(target.substring(0, target.indexOf(':')))));
  }

  // ------------------------------------------------------------------------------------- Grafana

  @Test
  void grafanaUsesTheComposePrometheus() throws IOException {
    Map<String, Object> datasource = map(list(yaml(DATASOURCES).get("datasources")).get(0));
    assertThat(datasource)
        .containsEntry("type", "prometheus")
        .containsEntry("uid", "prometheus")
        .containsEntry("url", "http://prometheus:9090");
  }

  @Test
  void dashboardHasThePanels() throws IOException {
    JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(DASHBOARD));
    assertThat(dashboard.path("uid").asString()).isEqualTo("agreement-backfill");
    assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(39);
    assertThat(dashboard.path("refresh").asString()).isEqualTo("5s");

    Map<String, List<String>> expressions = DashboardMetrics.expressionsByPanel(DASHBOARD);
    REQUIRED_PANELS.forEach(
        (title, metrics) -> {
          assertThat(expressions).as("panel " + title).containsKey(title);
          Set<String> used = new TreeSet<>();
          expressions.get(title).forEach(expr -> used.addAll(DashboardMetrics.metricNamesIn(expr)));
          assertThat(used).as("metrics of " + title).containsAll(metrics);
        });
    assertThat(expressions.get("Throughput: tasks/s"))
        .contains("sum by (instance) (rate(agreement_worker_tasks_processed_total[1m]))");
    assertThat(expressions.get("Job duration p50 / p95 / p99"))
        .allMatch(expr -> expr.startsWith("histogram_quantile("))
        .anyMatch(expr -> expr.contains("0.50"))
        .anyMatch(expr -> expr.contains("0.95"))
        .anyMatch(expr -> expr.contains("0.99"));
    assertThat(String.join(" ", expressions.get("Failures and redeliveries")))
        .contains("agreement_worker_jobs_finished_total{outcome=\"failed\"}");
    assertThat(String.join(" ", expressions.get("JVM heap per process")))
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("application")
        .contains("instance");

    // Unique panel ids, every query on the provisioned data source, every panel on the grid.
    Set<Integer> ids = new TreeSet<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    for (JsonNode panel : panels) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asString()).isEqualTo("prometheus");
      }
    }
  }

  @Test
  void dashboardUsesOnlyMetricsTheAppsExpose() {
    Set<String> app = DashboardMetrics.metricNames(DASHBOARD);
    assertThat(app).isNotEmpty().isSubsetOf(KNOWN_METRICS);
    Set<String> broker = DashboardMetrics.brokerMetricNames(DASHBOARD);
    assertThat(broker).isNotEmpty().allMatch(name -> name.startsWith("rabbitmq_"));
  }

  @Test
  void metricNamesAreExtractedExactlyFromPromql() {
    String expr =
        "histogram_quantile(0.95, sum by (le, instance) (rate("
            + "agreement_worker_job_duration_seconds_bucket{outcome=\"completed\", instance=~\"w.*\"}[5m])))"
            + " / on(instance) group_left sum without (status) (agreement_jobs{status=\"RUNNING\"})"
            + " + ignoring (queue) clamp_min(max(agreement_projects offset 5m), 1e3) > bool 0"
            + " and irate(http_server_requests_seconds_count{uri!~\"/actuator/{a}\"}[$__rate_interval])"
            + " or sum(rate(agreement_worker_tasks_processed_total[1m])) by (instance)"
            + " unless count(up{job=\"x\"} == 1) * scalar(vector(time()))";
    assertThat(DashboardMetrics.metricNamesIn(expr))
        .containsExactly(
            "agreement_jobs",
            "agreement_projects",
            "agreement_worker_job_duration_seconds_bucket",
            "agreement_worker_tasks_processed_total",
            "http_server_requests_seconds_count",
            "up");
    assertThat(
            DashboardMetrics.metricNamesIn("sum(rate(agreement_worker_tasks_processed_total[1m]))"))
        .containsExactly("agreement_worker_tasks_processed_total");
    assertThat(
            DashboardMetrics.metricNamesIn(
                "100 * max(agreement_jobs{status=\"COMPLETED\"})"
                    + " / clamp_min(max(agreement_projects), 1)"))
        .containsExactly("agreement_jobs", "agreement_projects");
  }

  // ------------------------------------------------------------------------------------- helpers

  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    map(yaml(COMPOSE).get("services")).forEach((name, spec) -> services.put(name, map(spec)));
    return services;
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    return map(yaml.load(Files.readString(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    return list(value).stream().map(String::valueOf).toList();
  }

  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object value = service.get("environment");
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    } else {
      for (String entry : strings(value)) {
        int eq = entry.indexOf('=');
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }

  private static Map<String, String> conditions(Map<String, Object> service) {
    Map<String, String> conditions = new LinkedHashMap<>();
    map(service.get("depends_on"))
        .forEach((k, v) -> conditions.put(k, (String) map(v).get("condition")));
    return conditions;
  }

  private static String healthcheck(Map<String, Object> service) {
    return String.join(" ", strings(map(service.get("healthcheck")).get("test")));
  }

  private static List<String> targets(Map<String, Object> job) {
    List<String> targets = new ArrayList<>();
    if (job.get("static_configs") != null) {
      for (Object config : list(job.get("static_configs"))) {
        targets.addAll(strings(map(config).get("targets")));
      }
    }
    return targets;
  }

  /** The tag of an image reference ("" when it has none); a registry port is not a tag. */
  private static String tag(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    return colon < 0 ? "" : last.substring(colon + 1);
  }

  /** The default of a compose {@code ${NAME:-default}} value. */
  private static String defaultOf(String value) {
    Matcher m = Pattern.compile("\\$\\{\\w+:-([^}]*)}").matcher(value);
    assertThat(m.matches()).as(value + " is ${NAME:-default}").isTrue();
    return m.group(1);
  }

  /** A compose duration such as 60s, 1m30s or 500ms. */
  private static Duration duration(String value) {
    Matcher m = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      assertThat(m.start()).as("duration " + value).isEqualTo(end);
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
              });
      end = m.end();
    }
    assertThat(end).as("duration " + value).isEqualTo(value.length()).isPositive();
    return total;
  }
}
