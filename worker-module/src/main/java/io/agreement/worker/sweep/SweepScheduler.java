package io.agreement.worker.sweep;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Ticks the sweeper on a thread of its own, so a long reconciliation never delays the worker's
 * other schedules (the reaper, the outbox relay). Every process ticks; the lock lets one of them
 * work at a time, and another takes over within a tick when it stops.
 */
final class SweepScheduler implements SmartLifecycle {

  private final Sweeper sweeper;
  private final Duration tick;
  private final boolean enabled;
  private ScheduledExecutorService executor;

  SweepScheduler(Sweeper sweeper, Duration tick, boolean enabled) {
    this.sweeper = sweeper;
    this.tick = tick;
    this.enabled = enabled;
  }

  @Override
  public synchronized void start() {
    if (!enabled || executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "agreement-sweep");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        sweeper::run, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
