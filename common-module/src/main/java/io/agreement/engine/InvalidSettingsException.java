package io.agreement.engine;

/** A tag setting cannot be applied: unknown metric, metric not allowed for the tag, bad number. */
public class InvalidSettingsException extends AgreementException {

  public InvalidSettingsException(String message) {
    super(message);
  }
}
