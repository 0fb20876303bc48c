package io.metron.stellar;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything known about a Stellar function before it runs: its name, namespace, typed parameters,
 * return, description and runnable examples. The same data drives compile-time arity checks, {@code
 * %doc}, {@code --list} and {@code docs/stellar.md}.
 *
 * @param name the full name callers use, e.g. {@code DOMAIN_REMOVE_TLD}
 * @param namespace the namespace, e.g. {@code DOMAIN}; empty for functions without one
 * @param params parameters in order; optional ones last, a variadic one (if any) at the very end
 * @param returns what the function returns
 * @param description one or two sentences for users
 * @param examples expressions with their expected results, run as tests
 * @param deterministic whether a call with constant arguments may be folded at compile time
 * @param pendingModule empty when the function works here; otherwise the module that provides it
 */
public record FunctionDescriptor(
    String name,
    String namespace,
    List<Param> params,
    String returns,
    String description,
    List<Example> examples,
    boolean deterministic,
    String pendingModule) {

  public FunctionDescriptor {
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    params = List.copyOf(params);
    returns = returns == null ? "" : returns;
    description = description == null ? "" : description;
    examples = List.copyOf(examples);
    pendingModule = pendingModule == null ? "" : pendingModule;
  }

  /**
   * A parameter.
   *
   * @param name its name
   * @param type what it accepts, e.g. {@code String}, {@code Number}, {@code List}, {@code Lambda}
   * @param description what it means
   * @param optional whether it may be left out
   * @param variadic whether it may be repeated (always last)
   */
  public record Param(
      String name, String type, String description, boolean optional, boolean variadic) {}

  /**
   * A runnable example.
   *
   * @param expression a Stellar expression calling the function
   * @param expected a Stellar expression whose value the example's value must equal (type included)
   */
  public record Example(String expression, String expected) {}

  /** Whether the function is registered only as a placeholder for another module. */
  public boolean isPending() {
    return !pendingModule.isEmpty();
  }

  /**
   * Why a pending function cannot run here, naming it: {@code "NAME is not available in this
   * deployment: provided by MODULE"}; empty when the function works. The compiler reports this when
   * an expression calls the function, so a config using it fails at load, not at run time.
   */
  public String unavailableMessage() {
    return isPending()
        ? name + " is not available in this deployment: provided by " + pendingModule
        : "";
  }

  /** The fewest arguments a call may pass. */
  public int minArgs() {
    int n = 0;
    for (Param p : params) {
      if (!p.optional() && !p.variadic()) {
        n++;
      }
    }
    return n;
  }

  /** The most arguments a call may pass; {@link Integer#MAX_VALUE} when variadic. */
  public int maxArgs() {
    for (Param p : params) {
      if (p.variadic()) {
        return Integer.MAX_VALUE;
      }
    }
    return params.size();
  }

  /** A one-line signature such as {@code MAP_GET(key, map, default?)}. */
  public String signature() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(p.name());
      if (p.variadic()) {
        sb.append("...");
      } else if (p.optional()) {
        sb.append('?');
      }
    }
    return sb.append(')').toString();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Metron's namespaces; a name starting with one of them plus "_" belongs to it. */
  static final List<String> NAMESPACES =
      List.of(
          "ASN",
          "BLOOM",
          "BYTEARRAY",
          "CONFIG",
          "DOMAIN",
          "ENRICHMENT",
          "ENRICHMENT_STELLAR_TRANSFORM",
          "FUZZY",
          "GEO",
          "GEOHASH",
          "GROK",
          "HDFS",
          "HLLP",
          "INDEXING",
          "IT",
          "KAFKA",
          "LIST",
          "LOCAL",
          "MAAS",
          "MAP",
          "MULTISET",
          "OBJECT",
          "OUTLIER",
          "PARSER",
          "PARSER_STELLAR_TRANSFORM",
          "PROFILE",
          "PROFILER",
          "REST",
          "SAMPLE",
          "SET",
          "SHELL",
          "STATS",
          "STRING",
          "SYSTEM",
          "THREAT_TRIAGE",
          "TLSH",
          "URL");

  /** Builds a descriptor. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String namespace;
    private final List<Param> params = new ArrayList<>();
    private String returns = "";
    private String description = "";
    private final List<Example> examples = new ArrayList<>();
    private boolean deterministic = true;
    private String pendingModule = "";

    private Builder(String name) {
      this.name = name;
      this.namespace = "";
      for (String ns : NAMESPACES) {
        if (name.startsWith(ns + "_") && ns.length() > this.namespace.length()) {
          this.namespace = ns;
        }
      }
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder param(String name, String type, String description) {
      params.add(new Param(name, type, description, false, false));
      return this;
    }

    public Builder optional(String name, String type, String description) {
      params.add(new Param(name, type, description, true, false));
      return this;
    }

    public Builder variadic(String name, String type, String description) {
      params.add(new Param(name, type, description, true, true));
      return this;
    }

    public Builder returns(String returns) {
      this.returns = returns;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder example(String expression, String expected) {
      examples.add(new Example(expression, expected));
      return this;
    }

    /** Marks the function as not foldable: its result depends on time, randomness or state. */
    public Builder nondeterministic() {
      this.deterministic = false;
      return this;
    }

    public Builder pending(String module) {
      this.pendingModule = module;
      this.deterministic = false;
      return this;
    }

    public FunctionDescriptor build() {
      return new FunctionDescriptor(
          name, namespace, params, returns, description, examples, deterministic, pendingModule);
    }
  }
}
