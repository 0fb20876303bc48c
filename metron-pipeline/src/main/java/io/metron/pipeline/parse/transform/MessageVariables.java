package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import java.util.function.Function;

/** Resolves Stellar variables from a message first, then from the context's extra variables. */
final class MessageVariables {
  private MessageVariables() {}

  static Function<String, Object> of(Message message, TransformContext context) {
    return name -> {
      Object value = message.get(name);
      if (value == null && "_".equals(name)) {
        return message.fields();
      }
      return value != null ? value : context.extraVariables().apply(name);
    };
  }
}
