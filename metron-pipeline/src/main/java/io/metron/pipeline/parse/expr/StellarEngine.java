package io.metron.pipeline.parse.expr;

import io.metron.pipeline.manage.PipelineFunctions;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.util.Map;
import java.util.function.Function;

/**
 * Stellar for the parse stage, by default with the built-in function library and this module's
 * functions ({@link PipelineFunctions#standalone()}). Thread-safe.
 */
public final class StellarEngine implements ExpressionEngine {
  static final StellarEngine INSTANCE = new StellarEngine(PipelineFunctions.standalone());

  private final StellarCompiler compiler;

  public StellarEngine(FunctionRegistry functions) {
    this(new StellarCompiler(functions));
  }

  private StellarEngine(StellarCompiler compiler) {
    this.compiler = compiler;
  }

  /**
   * This engine, refusing also what the Stellar lint finds (unknown functions, wrong argument
   * counts): for config checks that report those as warnings.
   */
  public StellarEngine refusingLintFindings() {
    return new StellarEngine(compiler.refusingLintFindings());
  }

  /** The standard engine ({@link ExpressionEngine#standard()}), refusing lint findings too. */
  public static StellarEngine standardRefusingLintFindings() {
    return INSTANCE.refusingLintFindings();
  }

  @Override
  public Expression compile(String source) throws ExpressionException {
    try {
      return new Compiled(compiler.compile(source));
    } catch (StellarException e) {
      throw new ExpressionException(describe(e), e);
    } catch (RuntimeException e) {
      throw new ExpressionException("cannot compile '" + source + "': " + e, e);
    }
  }

  private static String describe(StellarException e) {
    return e.hasPosition()
        ? e.getMessage() + " (line " + e.line() + ", column " + e.column() + ")"
        : e.getMessage();
  }

  /** A compiled expression; remembers the context built for the last global config it saw. */
  private static final class Compiled implements Expression {
    private final CompiledExpression expression;
    private volatile Context last = new Context(Map.of(), StellarContext.empty());

    private record Context(Map<String, Object> global, StellarContext context) {}

    Compiled(CompiledExpression expression) {
      this.expression = expression;
    }

    private StellarContext context(Map<String, Object> global) {
      Context c = last;
      if (c.global() != global) {
        c = new Context(global, StellarContext.builder().globalConfig(global).build());
        last = c;
      }
      return c.context();
    }

    private static VariableResolver resolver(Function<String, Object> variables) {
      return variables::apply;
    }

    @Override
    public Object evaluate(Function<String, Object> variables, Map<String, Object> globalConfig)
        throws ExpressionException {
      try {
        return expression.evaluate(resolver(variables), context(globalConfig));
      } catch (StellarException e) {
        throw new ExpressionException(describe(e), e);
      } catch (RuntimeException e) {
        throw new ExpressionException("'" + expression.source() + "' failed: " + e, e);
      }
    }

    @Override
    public boolean test(Function<String, Object> variables, Map<String, Object> globalConfig)
        throws ExpressionException {
      try {
        return expression.evaluatePredicate(resolver(variables), context(globalConfig));
      } catch (StellarException e) {
        throw new ExpressionException(describe(e), e);
      } catch (RuntimeException e) {
        throw new ExpressionException("'" + expression.source() + "' failed: " + e, e);
      }
    }
  }
}
