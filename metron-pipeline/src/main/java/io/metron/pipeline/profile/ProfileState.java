package io.metron.pipeline.profile;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one (profile, entity, period): the variables {@code init} and {@code update}
 * assigned, whether {@code init} has run, and the newest timestamp applied. Serializable, so the
 * streaming profiler keeps it in a changelogged state store; its values must be serializable too
 * (every Stellar value is, the sketches included). Not thread-safe.
 */
public final class ProfileState implements Serializable {
  private static final long serialVersionUID = 1L;

  final HashMap<String, Object> variables = new HashMap<>();
  boolean initialized;
  long maxTimestamp;
  long messages;

  /** The variables assigned so far (read-only). */
  public Map<String, Object> variables() {
    return java.util.Collections.unmodifiableMap(variables);
  }

  /** How many messages were applied without error. */
  public long messages() {
    return messages;
  }

  public long maxTimestamp() {
    return maxTimestamp;
  }
}
