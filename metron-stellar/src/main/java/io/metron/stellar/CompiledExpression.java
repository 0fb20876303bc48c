package io.metron.stellar;

import java.util.Set;

/**
 * A Stellar expression compiled to a tree of closures. Immutable and thread-safe: evaluate it as
 * often as needed, from as many threads as needed.
 */
public interface CompiledExpression {

  /**
   * Evaluates the expression. Never throws anything but {@link StellarException}: a failing
   * function, arithmetic on a string or a division by zero all become one. An empty expression
   * yields {@code null}.
   */
  Object evaluate(VariableResolver variables, StellarContext context) throws StellarException;

  /**
   * Evaluates the expression as a predicate, as Metron's predicate processor does: an empty
   * expression is {@code true}, a {@code null} result is {@code false}, and a result that is not a
   * boolean is a {@link StellarException}, as is any evaluation failure.
   */
  boolean evaluatePredicate(VariableResolver variables, StellarContext context);

  /** The names of the variables the expression refers to (lambda parameters excluded). */
  Set<String> variables();

  /** The source text this expression was compiled from. */
  String source();
}
