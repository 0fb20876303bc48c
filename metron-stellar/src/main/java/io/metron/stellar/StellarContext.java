package io.metron.stellar;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment lends to functions while they run: the global configuration and named
 * capabilities (a table store, a GeoIP reader, the shell's variables...). Immutable and therefore
 * safe to share between threads; build a new one with {@link #toBuilder()} to change it.
 */
public final class StellarContext {

  /** Capability key of the shell's variables, a {@code Map<String, Object>} (used by SHELL_*). */
  public static final String SHELL_VARIABLES = "SHELL_VARIABLES";

  /** Capability key of the shell's expressions by variable, a {@code Map<String, String>}. */
  public static final String SHELL_EXPRESSIONS = "SHELL_EXPRESSIONS";

  private static final StellarContext EMPTY = new StellarContext(Map.of(), Map.of());

  private final Map<String, Object> globalConfig;
  private final Map<String, Object> capabilities;

  private StellarContext(Map<String, Object> globalConfig, Map<String, Object> capabilities) {
    this.globalConfig = globalConfig;
    this.capabilities = capabilities;
  }

  /** A context with no global configuration and no capabilities. */
  public static StellarContext empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.globalConfig.putAll(globalConfig);
    builder.capabilities.putAll(capabilities);
    return builder;
  }

  /** Metron's global config (read-only). */
  public Map<String, Object> globalConfig() {
    return globalConfig;
  }

  /** The capability registered under {@code key}, if it is present and of type {@code type}. */
  public <T> Optional<T> capability(String key, Class<T> type) {
    Object value = capabilities.get(key);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  /** The capability registered under {@code key}, if any. */
  public Optional<Object> capability(String key) {
    return Optional.ofNullable(capabilities.get(key));
  }

  /** Builds a {@link StellarContext}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> globalConfig = new LinkedHashMap<>();
    private final Map<String, Object> capabilities = new HashMap<>();

    private Builder() {}

    public Builder globalConfig(Map<String, ?> config) {
      globalConfig.clear();
      globalConfig.putAll(config);
      return this;
    }

    public Builder capability(String key, Object value) {
      capabilities.put(key, value);
      return this;
    }

    public StellarContext build() {
      return new StellarContext(
          Collections.unmodifiableMap(new LinkedHashMap<>(globalConfig)),
          Collections.unmodifiableMap(new HashMap<>(capabilities)));
    }
  }
}
