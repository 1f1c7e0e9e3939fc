package io.agreement.worker.job;

import java.time.Duration;

/** A wait that a shutdown may cut short: an interrupt ends it and stays set for the caller. */
final class Pause {

  private Pause() {}

  static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
