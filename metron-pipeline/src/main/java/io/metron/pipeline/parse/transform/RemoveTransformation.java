package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine.Expression;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.List;

/** {@code REMOVE}: drops the input fields, when the optional Stellar {@code condition} holds. */
public final class RemoveTransformation implements FieldTransformation {
  private final List<String> inputs;
  private final Expression condition;

  public RemoveTransformation(List<String> inputs, Expression condition) {
    this.inputs = List.copyOf(inputs);
    this.condition = condition;
  }

  @Override
  public void apply(Message message, TransformContext context) throws TransformationException {
    if (condition != null) {
      try {
        if (!condition.test(MessageVariables.of(message, context), context.globalConfig())) {
          return;
        }
      } catch (ExpressionException e) {
        throw new TransformationException("REMOVE condition failed: " + e.getMessage(), e);
      }
    }
    for (String input : inputs) {
      message.remove(input);
    }
  }
}
