package io.metron.pipeline.parse.expr;

import java.util.Map;
import java.util.function.Function;

/**
 * The one door through which the parse stage runs Stellar: field transformations, {@code
 * filter.query}, {@code REMOVE} conditions and {@code STELLAR} field validations.
 *
 * <p>Keeping Stellar behind this small interface means the stage knows nothing of the language's
 * types, and the language nothing of messages. Implementations are thread-safe; compiled
 * expressions are immutable and may be evaluated concurrently.
 */
public interface ExpressionEngine {

  /**
   * Compiles {@code source}; a syntax error or unknown function is an {@link ExpressionException}.
   */
  Expression compile(String source) throws ExpressionException;

  /** A compiled expression. */
  interface Expression {
    /**
     * Evaluates with {@code variables} resolving names to values ({@code null} = missing). Never
     * throws anything but {@link ExpressionException}.
     */
    Object evaluate(Function<String, Object> variables, Map<String, Object> globalConfig)
        throws ExpressionException;

    /** Evaluates as a predicate: empty is true, {@code null} is false, a non-boolean an error. */
    boolean test(Function<String, Object> variables, Map<String, Object> globalConfig)
        throws ExpressionException;
  }

  /** The Stellar engine of this build. */
  static ExpressionEngine standard() {
    return StellarEngine.INSTANCE;
  }
}
