package io.metron.stellar.compiler;

import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarWarning;
import io.metron.stellar.VariableResolver;
import java.util.List;
import java.util.Set;

/** A compiled expression: the root node plus what callers ask about it. Immutable. */
public final class Program implements CompiledExpression {

  private final String source;
  private final Node root;
  private final Set<String> variables;
  private final List<StellarWarning> warnings;

  public Program(String source, Node root, Set<String> variables, List<StellarWarning> warnings) {
    this.source = source;
    this.root = root;
    this.variables = Set.copyOf(variables);
    this.warnings = List.copyOf(warnings);
  }

  /** What the lint found while compiling: unknown functions and wrong argument counts. */
  public List<StellarWarning> warnings() {
    return warnings;
  }

  @Override
  public Object evaluate(VariableResolver variables, StellarContext context) {
    if (root == null) {
      return null;
    }
    try {
      return root.eval(variables, context);
    } catch (StellarException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StellarException("evaluation failed: " + message, e);
    }
  }

  @Override
  public boolean evaluatePredicate(VariableResolver variables, StellarContext context) {
    if (root == null) {
      return true;
    }
    Object value = evaluate(variables, context);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new StellarException(
        "the rule '" + source + "' does not return a boolean value: " + Semantics.describe(value));
  }

  @Override
  public Set<String> variables() {
    return variables;
  }

  @Override
  public String source() {
    return source;
  }

  /** Whether the expression is constant (folded to a single value at compile time). */
  public boolean isConstant() {
    return root == null || root.isConstant();
  }

  @Override
  public String toString() {
    return source;
  }
}
