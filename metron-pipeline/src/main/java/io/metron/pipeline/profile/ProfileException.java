package io.metron.pipeline.profile;

/**
 * A profile expression that failed to compile or to evaluate, in Metron's words: {@code Bad
 * 'update' expression: error='...', expr='...', profile='...', entity='...'}.
 */
public final class ProfileException extends RuntimeException {
  private final String profile;

  public ProfileException(String profile, String message, Throwable cause) {
    super(message, cause);
    this.profile = profile;
  }

  /** The profile whose expression failed. */
  public String profile() {
    return profile;
  }
}
