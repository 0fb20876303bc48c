package io.metron.server.auth;

import java.time.Duration;

/** A caller who could not be authenticated: 401, or 429 while login attempts are held back. */
public final class AuthException extends Exception {
  private final int status;
  private final Duration retryAfter;

  public AuthException(int status, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /** How long to wait before trying again, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
