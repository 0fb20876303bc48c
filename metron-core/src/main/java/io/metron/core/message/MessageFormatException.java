package io.metron.core.message;

/** Bytes that are not a JSON object, so cannot be a message. Carries a reason a user can act on. */
public final class MessageFormatException extends Exception {
  public MessageFormatException(String reason, Throwable cause) {
    super(reason, cause);
  }

  public MessageFormatException(String reason) {
    super(reason);
  }
}
