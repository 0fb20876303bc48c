/**
 * Turns Stellar source into a tree of closures: {@link io.metron.stellar.compiler.SourceParser}
 * runs the ANTLR parser and reports syntax errors with line and column, {@link
 * io.metron.stellar.compiler.AstBuilder} builds {@link io.metron.stellar.compiler.Node}s (resolving
 * functions, checking arity and folding constants), {@link io.metron.stellar.compiler.Semantics}
 * holds Metron's rules for operators, and {@link io.metron.stellar.compiler.Program} is the
 * thread-safe {@link io.metron.stellar.CompiledExpression} handed to callers.
 */
package io.metron.stellar.compiler;
