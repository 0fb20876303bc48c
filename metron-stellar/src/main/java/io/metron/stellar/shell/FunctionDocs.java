package io.metron.stellar.shell;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Function documentation from the descriptors: the text of {@code %doc} and {@code --list}, and the
 * Markdown of {@code docs/stellar.md}. One source, so the three never disagree.
 */
public final class FunctionDocs {

  private FunctionDocs() {}

  /** The {@code %doc} text of one function. */
  public static String describe(FunctionDescriptor d) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.signature()).append('\n');
    sb.append("Description: ").append(d.description()).append('\n');
    if (!d.params().isEmpty()) {
      sb.append("Arguments:\n");
      for (FunctionDescriptor.Param p : d.params()) {
        sb.append("  ").append(p.name()).append(" (").append(p.type());
        sb.append(p.variadic() ? ", repeatable" : p.optional() ? ", optional" : "").append(")");
        if (!p.description().isEmpty()) {
          sb.append(" - ").append(p.description());
        }
        sb.append('\n');
      }
    }
    sb.append("Returns: ").append(d.returns());
    for (FunctionDescriptor.Example e : d.examples()) {
      sb.append("\nExample: ").append(e.expression()).append("  =>  ").append(e.expected());
    }
    if (d.isPending()) {
      sb.append("\nUNAVAILABLE: ").append(d.unavailableMessage());
    }
    return sb.toString();
  }

  /**
   * The {@code --list} text: one line per function, signature and description; a function that
   * cannot run here is marked {@code [UNAVAILABLE: provided by MODULE]}.
   */
  public static String list(FunctionRegistry registry) {
    StringBuilder sb = new StringBuilder();
    for (StellarFunction fn : registry.all()) {
      FunctionDescriptor d = fn.descriptor();
      sb.append(d.signature()).append(" - ").append(d.description());
      if (d.isPending()) {
        sb.append(" [UNAVAILABLE: provided by ").append(d.pendingModule()).append(']');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The Markdown reference of every function, grouped by namespace, unavailable ones apart. */
  public static String markdown(FunctionRegistry registry) {
    return markdown(registry, "");
  }

  /**
   * The Markdown reference, with {@code preface} (Markdown paragraphs about the deployment the
   * registry belongs to) before the namespaces.
   */
  public static String markdown(FunctionRegistry registry, String preface) {
    Map<String, List<FunctionDescriptor>> byNamespace = new TreeMap<>();
    List<FunctionDescriptor> pending = new ArrayList<>();
    int implemented = 0;
    for (StellarFunction fn : registry.all()) {
      FunctionDescriptor d = fn.descriptor();
      if (d.isPending()) {
        pending.add(d);
      } else {
        implemented++;
        byNamespace
            .computeIfAbsent(
                d.namespace().isEmpty() ? "(no namespace)" : d.namespace(), k -> new ArrayList<>())
            .add(d);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("# Stellar function reference\n\n");
    sb.append("Generated from the function descriptors of the registry `metron` runs with by")
        .append(" `io.metron.stellar.shell.FunctionDocs` (regenerate with `mvn -pl metron-cli test")
        .append(" -Dtest=StellarDocsTest -Dstellar.docs.write=true`); do not edit by hand.")
        .append(" Every example below runs as a test.\n\n");
    sb.append(implemented)
        .append(" functions are available; ")
        .append(pending.size())
        .append(" are not (see [Unavailable functions](#unavailable-functions)).\n\n");
    if (!preface.isEmpty()) {
      sb.append(preface.strip()).append("\n\n");
    }
    sb.append(RESOLUTION);
    sb.append("## Namespaces\n\n");
    for (String ns : byNamespace.keySet()) {
      sb.append("- [").append(ns).append("](#").append(anchor(ns)).append(")\n");
    }
    for (Map.Entry<String, List<FunctionDescriptor>> e : byNamespace.entrySet()) {
      sb.append("\n## ").append(e.getKey()).append("\n");
      for (FunctionDescriptor d : e.getValue()) {
        sb.append("\n### `").append(d.name()).append("`\n\n");
        sb.append("`").append(d.signature()).append("`\n\n");
        sb.append(d.description()).append("\n\n");
        for (FunctionDescriptor.Param p : d.params()) {
          sb.append("- `").append(p.name()).append("` (").append(p.type());
          sb.append(p.variadic() ? ", repeatable" : p.optional() ? ", optional" : "").append(")");
          if (!p.description().isEmpty()) {
            sb.append(": ").append(p.description());
          }
          sb.append('\n');
        }
        if (!d.params().isEmpty()) {
          sb.append('\n');
        }
        sb.append("Returns: ").append(d.returns()).append("\n");
        if (!d.examples().isEmpty()) {
          sb.append("\n| Example | Result |\n| --- | --- |\n");
          for (FunctionDescriptor.Example ex : d.examples()) {
            sb.append("| `").append(cell(ex.expression())).append("` | `");
            sb.append(cell(ex.expected())).append("` |\n");
          }
        }
      }
    }
    sb.append("\n## Unavailable functions\n\n");
    sb.append("An expression calling one of these does not compile, so a config using it fails")
        .append(" at load with \"NAME is not available in this deployment: provided by MODULE\".")
        .append(" `metron stellar --list` marks them `[UNAVAILABLE: ...]`.\n\n");
    sb.append("| Function | Provided by | Description |\n| --- | --- | --- |\n");
    for (FunctionDescriptor d : pending) {
      sb.append("| `").append(d.signature()).append("` | ").append(d.pendingModule());
      sb.append(" | ").append(cell(d.description())).append(" |\n");
    }
    return sb.toString();
  }

  private static final String RESOLUTION =
      """
      ## Function resolution, arity and the lint

      As in Metron, functions are resolved lazily: an expression that calls a function this \
      deployment does not have, or passes a function fewer arguments than it needs, compiles \
      and loads; it fails with Metron's error (`Unable to resolve function named 'X'.`, or the \
      function's own complaint) only when that call is evaluated, so a branch never taken \
      never fails. Extra arguments are ignored, as Metron's functions ignored them, and a \
      parameter marked optional below is one Metron's implementation did without.

      The load-time check Metron lacked is a separate lint: `StellarCompiler.lint(expression)` \
      returns a `StellarWarning` (function, problem, line, column, message) for every call to \
      an unknown function (`UNKNOWN_FUNCTION`, with a "did you mean" for a known upper-case \
      name) and with an argument count outside the documented parameters \
      (`WRONG_ARGUMENT_COUNT`). Config loaders report these with the file and JSON path of the \
      expression; they never stop a config from loading. A call to a function this deployment \
      knows it lacks (see [Unavailable functions](#unavailable-functions)) is different: it can \
      never run, so it fails to compile and the config is refused, naming the function and why.

      """;

  private static String anchor(String ns) {
    return ns.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_ -]", "").replace(' ', '-');
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
