package io.agreement.worker.job;

/** A job that cannot succeed however often it runs; its message becomes the job's error_message. */
public final class PermanentJobException extends RuntimeException {

  PermanentJobException(String message) {
    super(message);
  }
}
