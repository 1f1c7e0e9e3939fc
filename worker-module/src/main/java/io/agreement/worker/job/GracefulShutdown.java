package io.agreement.worker.job;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops before the listener containers: gives running jobs the grace period to finish, then asks
 * them to hand themselves back so another worker picks them up at once.
 */
final class GracefulShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  private final JobRunner runner;
  private final Duration grace;
  private volatile boolean running;

  GracefulShutdown(JobRunner runner, Duration grace) {
    this.runner = runner;
    this.grace = grace;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    log.info("Shutting down: running jobs get {} to finish before they are handed back", grace);
    Thread timer = new Thread(this::handBackAfterGrace, "shutdown-grace");
    timer.setDaemon(true);
    timer.start();
  }

  private void handBackAfterGrace() {
    try {
      Thread.sleep(grace.toMillis());
      runner.handBackAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
