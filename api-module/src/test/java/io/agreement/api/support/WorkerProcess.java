package io.agreement.api.support;

import io.agreement.testsupport.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A worker started from its jar as a separate process, as an operator would run it. */
public final class WorkerProcess implements AutoCloseable {

  private static final Path JAR = Path.of("..", "worker-module", "target", "agreement-worker.jar");

  private final Process process;
  private final String id;
  private final Path log;

  private WorkerProcess(Process process, String id, Path log) {
    this.process = process;
    this.id = id;
    this.log = log;
  }

  /**
   * Starts a worker against the test environment; {@code settings} are extra environment variables.
   */
  public static WorkerProcess start(
      TestServices.Environment env, String id, Map<String, String> settings) {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run 'mvn verify' from the root");
    }
    Path log = Path.of("target", "worker-" + id + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env.environmentVariables());
    builder.environment().put("AGREEMENT_WORKER_ID", id);
    builder.environment().put("AGREEMENT_INSTANCE", id);
    builder.environment().put("AGREEMENT_DELIVERY_RELAY_INTERVAL", "1s");
    builder.environment().put("AGREEMENT_DELIVERY_RELAY_GRACE", "2s");
    // No sweep unless a test asks for one: its first pass would refresh the freshly generated
    // tasks of projects a test means to backfill, or to leave alone.
    builder.environment().put("AGREEMENT_LIVE_SWEEP_ENABLED", "false");
    builder.environment().putAll(settings);
    try {
      return new WorkerProcess(builder.start(), id, log);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start worker " + id, e);
    }
  }

  public String id() {
    return id;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no chance to clean up. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit code once the process ended. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Worker " + id + " did not exit within " + timeout);
    }
    return process.exitValue();
  }

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The HTTP port the worker's actuator picked (server.port 0), read from its log. */
  public int port() throws IOException {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("Tomcat started on port (\\d+)").matcher(log());
    if (!m.find()) {
      throw new IllegalStateException("Worker " + id + " has not started its web server yet");
    }
    return Integer.parseInt(m.group(1));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
