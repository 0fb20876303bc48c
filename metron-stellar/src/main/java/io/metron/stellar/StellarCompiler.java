package io.metron.stellar;

import io.metron.stellar.compiler.AstBuilder;
import io.metron.stellar.compiler.Node;
import io.metron.stellar.compiler.Program;
import io.metron.stellar.compiler.SourceParser;
import io.metron.stellar.grammar.StellarParser;
import java.util.List;

/**
 * Compiles Stellar source into a {@link CompiledExpression}. Thread-safe; compile once, evaluate
 * many times from many threads.
 *
 * <p>Compilation checks syntax (errors carry line and column) and folds constants. Functions are
 * resolved as Metron resolved them, lazily: a call to an unknown function, or with an argument
 * count the function does not take, compiles, and fails only when that call is evaluated (so a
 * branch never taken never fails, and a config Metron ran still loads). {@link #lint} reports those
 * calls up front as {@link StellarWarning}s, for config loaders to show with file and JSON path.
 */
public final class StellarCompiler {

  private final FunctionRegistry functions;
  private final boolean refuseLintFindings;

  public StellarCompiler(FunctionRegistry functions) {
    this(functions, false);
  }

  private StellarCompiler(FunctionRegistry functions, boolean refuseLintFindings) {
    this.functions = functions;
    this.refuseLintFindings = refuseLintFindings;
  }

  /**
   * A compiler over the same functions whose {@link #compile} also refuses what {@link #lint}
   * finds, with the finding's message and position. A config check runs its checks once with each
   * compiler: what only this one refuses is a lint warning, and it arrives at the file and JSON
   * path of the expression through the check's ordinary problem reporting.
   */
  public StellarCompiler refusingLintFindings() {
    return new StellarCompiler(functions, true);
  }

  /** The functions this compiler resolves against. */
  public FunctionRegistry functions() {
    return functions;
  }

  /**
   * Compiles {@code expression}; an empty or blank one compiles to an expression whose value is
   * {@code null} (and which is {@code true} as a predicate).
   *
   * @throws StellarException for a syntax error, a number out of range, or an expression too long
   *     or too deeply nested; never for an unknown function or a wrong argument count (see {@link
   *     #lint})
   */
  public CompiledExpression compile(String expression) throws StellarException {
    Program program = program(expression);
    if (refuseLintFindings && !program.warnings().isEmpty()) {
      StellarWarning first = program.warnings().getFirst();
      StringBuilder message = new StringBuilder(first.message());
      for (StellarWarning w : program.warnings().subList(1, program.warnings().size())) {
        message.append("; ").append(w);
      }
      throw new StellarException(message.toString(), first.line(), first.column());
    }
    return program;
  }

  /**
   * The load-time check Metron lacked: every call in {@code expression} to a function this registry
   * does not have, or with an argument count outside the function's parameters, in source order. An
   * empty list means none. The expression is not evaluated.
   *
   * @throws StellarException when the expression does not compile at all (as {@link #compile})
   */
  public List<StellarWarning> lint(String expression) throws StellarException {
    return program(expression).warnings();
  }

  private Program program(String expression) {
    if (expression == null) {
      throw new StellarException("no expression given");
    }
    try {
      StellarParser.ProgramContext tree = SourceParser.parse(expression);
      AstBuilder builder = new AstBuilder(functions);
      Node root = builder.build(tree);
      return new Program(expression, root, builder.variables(), builder.warnings());
    } catch (StackOverflowError e) {
      throw new StellarException("expression nested too deeply to compile");
    }
  }
}
