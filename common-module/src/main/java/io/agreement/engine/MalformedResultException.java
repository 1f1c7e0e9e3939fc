package io.agreement.engine;

/** An annotation's result JSON cannot be read. */
public class MalformedResultException extends AgreementException {

  public MalformedResultException(String message) {
    super(message);
  }

  public MalformedResultException(String message, Throwable cause) {
    super(message, cause);
  }
}
