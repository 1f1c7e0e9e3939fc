package io.agreement.engine;

/** Base of the engine's failures; the message is meant for a human (it becomes a job's error). */
public class AgreementException extends RuntimeException {

  public AgreementException(String message) {
    super(message);
  }

  public AgreementException(String message, Throwable cause) {
    super(message, cause);
  }
}
