package io.metron.stellar.shell;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs the examples of a registry's descriptors, so every module that registers functions tests the
 * examples its documentation shows against the registry it actually builds.
 */
public final class FunctionExamples {
  private FunctionExamples() {}

  /**
   * One line per example of the functions {@code which} selects whose value differs from its
   * expected value or that fails, naming the function and the example; empty when all hold.
   */
  public static List<String> failures(
      FunctionRegistry registry, Predicate<FunctionDescriptor> which, StellarContext context) {
    StellarCompiler compiler = new StellarCompiler(registry);
    List<String> failures = new ArrayList<>();
    for (StellarFunction fn : registry.all()) {
      FunctionDescriptor d = fn.descriptor();
      if (!which.test(d)) {
        continue;
      }
      for (FunctionDescriptor.Example ex : d.examples()) {
        try {
          Object actual =
              compiler.compile(ex.expression()).evaluate(VariableResolver.empty(), context);
          Object expected =
              compiler.compile(ex.expected()).evaluate(VariableResolver.empty(), context);
          if (!Objects.equals(actual, expected)) {
            failures.add(
                d.name() + ": " + ex.expression() + " gave " + actual + ", not " + expected);
          }
        } catch (RuntimeException e) {
          failures.add(d.name() + ": " + ex.expression() + " failed: " + e.getMessage());
        }
      }
    }
    return failures;
  }
}
