package io.agreement.engine;

/** The project's label config cannot be used: not well-formed, too large, hostile or ambiguous. */
public class InvalidLabelConfigException extends AgreementException {

  public InvalidLabelConfigException(String message) {
    super(message);
  }

  public InvalidLabelConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
