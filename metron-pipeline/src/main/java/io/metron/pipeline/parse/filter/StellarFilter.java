package io.metron.pipeline.parse.filter;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine.Expression;
import io.metron.pipeline.parse.expr.ExpressionException;
import io.metron.pipeline.parse.transform.TransformContext;
import io.metron.pipeline.parse.transform.TransformationException;

/** {@code STELLAR}: keeps the messages for which {@code parserConfig."filter.query"} is true. */
public final class StellarFilter implements MessageFilter {
  private final Expression query;

  public StellarFilter(Expression query) {
    this.query = query;
  }

  @Override
  public boolean emit(Message message, TransformContext context) throws TransformationException {
    try {
      return query.test(
          name -> {
            Object value = message.get(name);
            return value != null ? value : context.extraVariables().apply(name);
          },
          context.globalConfig());
    } catch (ExpressionException e) {
      throw new TransformationException("filter.query failed: " + e.getMessage(), e);
    }
  }
}
