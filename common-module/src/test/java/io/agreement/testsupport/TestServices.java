package io.agreement.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Real PostgreSQL and RabbitMQ for integration tests: Testcontainers where a Docker engine runs,
 * otherwise the servers on localhost. Every call to {@link #isolatedEnvironment()} gets a fresh
 * database and fresh queue names, removed again when the JVM exits.
 */
public final class TestServices {

  private static final Logger log = LoggerFactory.getLogger(TestServices.class);
  private static final List<String> databases = new ArrayList<>();
  private static final List<String> queues = new ArrayList<>();
  private static final List<String> roles = new ArrayList<>();
  private static Endpoints endpoints;

  private TestServices() {}

  /** Where the servers are. */
  public record Endpoints(
      String pgHost,
      int pgPort,
      String pgUser,
      String pgPassword,
      String adminDatabase,
      String rabbitHost,
      int rabbitPort,
      String rabbitUser,
      String rabbitPassword) {

    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }
  }

  /** A fresh database and queue name, as Spring properties and as values for a child process. */
  public record Environment(Endpoints endpoints, String database, String queueName) {

    public String jdbcUrl() {
      return endpoints.jdbcUrl(database);
    }

    public Map<String, String> springProperties() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("spring.datasource.url", jdbcUrl());
      p.put("spring.datasource.username", endpoints.pgUser());
      p.put("spring.datasource.password", endpoints.pgPassword());
      p.put("spring.rabbitmq.host", endpoints.rabbitHost());
      p.put("spring.rabbitmq.port", Integer.toString(endpoints.rabbitPort()));
      p.put("spring.rabbitmq.username", endpoints.rabbitUser());
      p.put("spring.rabbitmq.password", endpoints.rabbitPassword());
      p.put("agreement.queue.name", queueName);
      p.put("agreement.live.queue", queueName + "-refresh");
      // Many test contexts and worker processes share one PostgreSQL (max_connections 100 by
      // default): each keeps only what it uses instead of a full pool of idle connections.
      p.put("spring.datasource.hikari.minimum-idle", "1");
      p.put("spring.datasource.hikari.idle-timeout", "10000");
      // Workers in tests start cold: the warm-up would add seconds to every context and process
      // (WarmupIT and BackfillEndToEndIT run it).
      p.put("agreement.worker.warmup-annotations", "0");
      return p;
    }

    /** The same settings as environment variables, for a child process. */
    public Map<String, String> environmentVariables() {
      Map<String, String> env = new LinkedHashMap<>();
      springProperties()
          .forEach((k, v) -> env.put(k.toUpperCase().replace('.', '_').replace('-', '_'), v));
      return env;
    }
  }

  public static synchronized Environment isolatedEnvironment() {
    Endpoints e = endpoints();
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String database = "agreement_it_" + suffix;
    execute(e, "CREATE DATABASE " + database);
    databases.add(database);
    String queue = "agreement-it-" + suffix;
    queues.add(queue);
    return new Environment(e, database, queue);
  }

  /**
   * A login role with the least privilege the service needs on the environment's database, whose
   * Label Studio tables must exist already: SELECT on the tables in schema public, and schema
   * agreement of its own. Dropped when the JVM exits, after the databases.
   *
   * @return the role's name; its password is {@link #RESTRICTED_PASSWORD}
   */
  public static synchronized String restrictedRole(Environment env) {
    String role = "agreement_svc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(
        env.endpoints(),
        "CREATE ROLE %s LOGIN PASSWORD '%s'; GRANT CONNECT ON DATABASE %s TO %s"
            .formatted(role, RESTRICTED_PASSWORD, env.database(), role));
    roles.add(role);
    try (Connection c =
            DriverManager.getConnection(
                env.jdbcUrl(), env.endpoints().pgUser(), env.endpoints().pgPassword());
        Statement s = c.createStatement()) {
      s.execute(
          """
          REVOKE CREATE ON SCHEMA public FROM PUBLIC;
          GRANT USAGE ON SCHEMA public TO %1$s;
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1$s;
          CREATE SCHEMA agreement AUTHORIZATION %1$s;
          """
              .formatted(role));
    } catch (SQLException ex) {
      throw new IllegalStateException("Restricted role setup failed", ex);
    }
    return role;
  }

  public static final String RESTRICTED_PASSWORD = "restricted-it-password";

  public static synchronized Endpoints endpoints() {
    if (endpoints == null) {
      boolean docker = dockerAvailable();
      endpoints = docker ? startContainers() : localServers();
      log.info(
          "Integration tests use PostgreSQL {}:{} and RabbitMQ {}:{} ({})",
          endpoints.pgHost(),
          endpoints.pgPort(),
          endpoints.rabbitHost(),
          endpoints.rabbitPort(),
          docker ? "Testcontainers" : "local servers: no Docker engine found");
      Runtime.getRuntime().addShutdownHook(new Thread(TestServices::cleanUp));
    }
    return endpoints;
  }

  /**
   * Asks Testcontainers only where a Docker engine may run: without a socket or DOCKER_HOST its
   * probe logs an ERROR per strategy it tries before giving up.
   */
  private static boolean dockerAvailable() {
    if (System.getenv("DOCKER_HOST") == null
        && !Files.exists(Path.of("/var/run/docker.sock"))
        && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
        && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static Endpoints localServers() {
    return new Endpoints(
        env("AGREEMENT_TEST_PG_HOST", "127.0.0.1"),
        5432,
        "postgres",
        "",
        "test",
        env("AGREEMENT_TEST_RABBIT_HOST", "127.0.0.1"),
        5672,
        "guest",
        "guest");
  }

  @SuppressWarnings("resource")
  private static Endpoints startContainers() {
    PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine");
    RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:4.1-management-alpine");
    pg.start();
    rabbit.start();
    return new Endpoints(
        pg.getHost(),
        pg.getMappedPort(5432),
        pg.getUsername(),
        pg.getPassword(),
        pg.getDatabaseName(),
        rabbit.getHost(),
        rabbit.getAmqpPort(),
        rabbit.getAdminUsername(),
        rabbit.getAdminPassword());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void execute(Endpoints e, String sql) {
    try (Connection c =
            DriverManager.getConnection(e.jdbcUrl(e.adminDatabase()), e.pgUser(), e.pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException ex) {
      throw new IllegalStateException("Test database setup failed: " + sql, ex);
    }
  }

  /**
   * Runs while the test JVM exits, which its runner waits for only so long: the queues first
   * (cheap), then the databases several at a time (each DROP waits for a checkpoint), then the
   * roles, which must outlive every database they have privileges in.
   */
  private static synchronized void cleanUp() {
    deleteQueues();
    ExecutorService drops = Executors.newFixedThreadPool(6);
    for (String database : databases) {
      drops.submit(() -> bestEffort("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
    }
    drops.shutdown();
    try {
      drops.awaitTermination(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    roles.forEach(role -> bestEffort("DROP ROLE IF EXISTS " + role));
  }

  /** Best effort: the next run uses new names anyway. */
  private static void bestEffort(String sql) {
    try {
      execute(endpoints, sql);
    } catch (RuntimeException ignored) {
      // left behind, harmlessly
    }
  }

  private static void deleteQueues() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(endpoints.rabbitHost());
    factory.setPort(endpoints.rabbitPort());
    factory.setUsername(endpoints.rabbitUser());
    factory.setPassword(endpoints.rabbitPassword());
    try (com.rabbitmq.client.Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      for (String queue : queues.stream().flatMap(q -> Stream.of(q, q + "-refresh")).toList()) {
        channel.queueDelete(queue);
        channel.queueDelete(queue + ".dead-letter");
        channel.exchangeDelete(queue);
        channel.exchangeDelete(queue + ".dlx");
      }
    } catch (Exception ignored) {
      // best effort: names are unique per run
    }
  }
}
