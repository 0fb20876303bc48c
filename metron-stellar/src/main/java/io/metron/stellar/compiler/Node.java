package io.metron.stellar.compiler;

import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;

/**
 * A compiled piece of an expression. Nodes are immutable and thread-safe; evaluating one throws
 * only {@link io.metron.stellar.StellarException} for problems a user causes.
 */
public interface Node {

  Object eval(VariableResolver variables, StellarContext context);

  /** Whether this node always yields {@link #constant()}. */
  default boolean isConstant() {
    return false;
  }

  /** The value of a constant node. */
  default Object constant() {
    throw new IllegalStateException("not a constant");
  }

  /** The height of the tree under this node, for the nesting limit. */
  int depth();
}
