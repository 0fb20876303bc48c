package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine.Expression;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.List;

/**
 * {@code STELLAR}: assigns each output field the value of its expression, in order, so later
 * expressions see earlier results. A {@code null} result removes the field, as in Metron.
 */
public final class StellarTransformation implements FieldTransformation {
  /** One {@code field := expression} step. */
  public record Assignment(String field, Expression expression) {}

  private final List<Assignment> assignments;

  public StellarTransformation(List<Assignment> assignments) {
    this.assignments = List.copyOf(assignments);
  }

  @Override
  public void apply(Message message, TransformContext context) throws TransformationException {
    var variables = MessageVariables.of(message, context);
    for (Assignment assignment : assignments) {
      Object value;
      try {
        value = assignment.expression().evaluate(variables, context.globalConfig());
      } catch (ExpressionException e) {
        throw new TransformationException(
            "STELLAR transformation of field '"
                + assignment.field()
                + "' failed: "
                + e.getMessage(),
            e);
      }
      message.put(assignment.field(), value);
    }
  }
}
