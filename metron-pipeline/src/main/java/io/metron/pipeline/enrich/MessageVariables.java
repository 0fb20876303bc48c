package io.metron.pipeline.enrich;

import io.metron.stellar.VariableResolver;
import java.util.Map;

/**
 * What a Stellar expression sees in the enrichment stage, in Metron's order: variables assigned
 * earlier in the same Stellar group, then the message's fields, then two further maps (the sensor's
 * enrichment {@code config} and the global config for enrichments; the sensor's {@code
 * configuration} and the threat-intel {@code config} for triage). {@code _} is the whole message.
 *
 * <p>Not thread-safe: one instance serves one evaluation.
 */
final class MessageVariables implements VariableResolver {
  private final Map<String, Object> locals;
  private final Map<String, Object> message;
  private final Map<String, ?> second;
  private final Map<String, ?> third;

  MessageVariables(
      Map<String, Object> locals,
      Map<String, Object> message,
      Map<String, ?> second,
      Map<String, ?> third) {
    this.locals = locals;
    this.message = message;
    this.second = second;
    this.third = third;
  }

  @Override
  public Object resolve(String name) {
    if (locals != null && locals.containsKey(name)) {
      // A variable assigned null in this group hides the message field of the same name.
      return locals.get(name);
    }
    Object value = message.get(name);
    if (value != null) {
      return value;
    }
    if (ALL_VARIABLES.equals(name)) {
      return message;
    }
    value = second.get(name);
    return value != null ? value : third.get(name);
  }
}
