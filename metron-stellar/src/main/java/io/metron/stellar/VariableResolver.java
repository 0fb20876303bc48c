package io.metron.stellar;

import java.util.Collections;
import java.util.Map;

/**
 * Supplies the values of the variables an expression refers to. Stellar knows nothing of messages:
 * the pipeline adapts its message to this interface.
 *
 * <p>Implementations must be safe to call from the thread evaluating the expression and must not
 * throw for a missing name; they return {@code null} instead, which Stellar treats as "missing".
 */
@FunctionalInterface
public interface VariableResolver {

  /** The special variable naming the whole set of variables, as a map (Metron's {@code _}). */
  String ALL_VARIABLES = "_";

  /** The value of {@code name}, or {@code null} when it is missing. */
  Object resolve(String name);

  /** Whether {@code name} has a non-null value; backs {@code exists(name)}. */
  default boolean exists(String name) {
    return resolve(name) != null;
  }

  /**
   * A resolver over a map; {@code _} resolves to the whole (read-only) map unless it has a key "_".
   */
  static VariableResolver of(Map<String, ?> map) {
    Map<String, ?> all = Collections.unmodifiableMap(map);
    return name -> {
      Object value = map.get(name);
      if (value == null && ALL_VARIABLES.equals(name)) {
        return all;
      }
      return value;
    };
  }

  /** A resolver in which every variable is missing. */
  static VariableResolver empty() {
    return name -> null;
  }
}
