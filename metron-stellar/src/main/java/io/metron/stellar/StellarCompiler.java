package io.metron.stellar;

import io.metron.stellar.compiler.AstBuilder;
import io.metron.stellar.compiler.Node;
import io.metron.stellar.compiler.Program;
import io.metron.stellar.compiler.SourceParser;
import io.metron.stellar.grammar.StellarParser;

/**
 * Compiles Stellar source into a {@link CompiledExpression}. Thread-safe; compile once, evaluate
 * many times from many threads. Compilation checks syntax (errors carry line and column), resolves
 * every function (unknown names and wrong argument counts are errors here) and folds constants.
 */
public final class StellarCompiler {

  private final FunctionRegistry functions;

  public StellarCompiler(FunctionRegistry functions) {
    this.functions = functions;
  }

  /** The functions this compiler resolves against. */
  public FunctionRegistry functions() {
    return functions;
  }

  /**
   * Compiles {@code expression}; an empty or blank one compiles to an expression whose value is
   * {@code null} (and which is {@code true} as a predicate).
   *
   * @throws StellarException for a syntax error, an unknown function, a wrong argument count, a
   *     number out of range, or an expression too long or too deeply nested
   */
  public CompiledExpression compile(String expression) throws StellarException {
    if (expression == null) {
      throw new StellarException("no expression given");
    }
    try {
      StellarParser.ProgramContext tree = SourceParser.parse(expression);
      AstBuilder builder = new AstBuilder(functions);
      Node root = builder.build(tree);
      return new Program(expression, root, builder.variables());
    } catch (StackOverflowError e) {
      throw new StellarException("expression nested too deeply to compile");
    }
  }
}
