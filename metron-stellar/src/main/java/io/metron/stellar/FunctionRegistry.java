package io.metron.stellar;

import io.metron.stellar.functions.BuiltinFunctions;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The functions an expression may call, by name. Immutable and thread-safe: {@link #with} returns a
 * new registry in which the given function replaces any function of the same name, which is how a
 * later module swaps a pending placeholder (GEO_GET, ENRICHMENT_GET, ...) for the real thing.
 */
public final class FunctionRegistry {

  private static final FunctionRegistry BUILTIN =
      new FunctionRegistry(index(BuiltinFunctions.all()));

  private final Map<String, StellarFunction> functions;

  private FunctionRegistry(Map<String, StellarFunction> functions) {
    this.functions = Collections.unmodifiableMap(functions);
  }

  /** Every function of this module, plus placeholders for the functions other modules provide. */
  public static FunctionRegistry builtin() {
    return BUILTIN;
  }

  /** A registry with no functions at all. */
  public static FunctionRegistry empty() {
    return new FunctionRegistry(new TreeMap<>());
  }

  /** A registry with {@code fn} added, replacing any function of the same name. */
  public FunctionRegistry with(StellarFunction fn) {
    TreeMap<String, StellarFunction> copy = new TreeMap<>(functions);
    copy.put(fn.descriptor().name(), fn);
    return new FunctionRegistry(copy);
  }

  /** A registry with all of {@code fns} added, each replacing any function of the same name. */
  public FunctionRegistry withAll(Collection<? extends StellarFunction> fns) {
    TreeMap<String, StellarFunction> copy = new TreeMap<>(functions);
    for (StellarFunction fn : fns) {
      copy.put(fn.descriptor().name(), fn);
    }
    return new FunctionRegistry(copy);
  }

  public Optional<StellarFunction> find(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  /** All functions, sorted by name. */
  public Collection<StellarFunction> all() {
    return functions.values();
  }

  private static Map<String, StellarFunction> index(Collection<StellarFunction> fns) {
    TreeMap<String, StellarFunction> map = new TreeMap<>();
    for (StellarFunction fn : fns) {
      if (map.put(fn.descriptor().name(), fn) != null) {
        throw new IllegalStateException("duplicate builtin function " + fn.descriptor().name());
      }
    }
    return map;
  }
}
