package io.metron.pipeline.parse.validate;

import io.metron.core.message.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the global {@code fieldValidations}, with Metron's semantics: the check sees the
 * values of its {@code input} fields (a missing field is a {@code null} value), or every field of
 * the message when the entry names no input. What a {@code null} value means is the check's own
 * business: most validations let it pass, {@code REGEX_MATCH} fails on it.
 *
 * @param inputs the fields checked; they become the error's {@code error_fields} when it fails
 * @param name the validation's name, for messages
 * @param check the test on the selected values
 */
public record FieldValidator(List<String> inputs, String name, Check check) {

  /** A test on the selected field values (name → value, {@code null} for a missing field). */
  @FunctionalInterface
  public interface Check {
    /** Thread-safe; a check that cannot decide returns {@code false} rather than throwing. */
    boolean test(Map<String, Object> values, Map<String, Object> globalConfig);
  }

  /** Thread-safe; never throws. */
  public boolean isValid(Message message, Map<String, Object> globalConfig) {
    Map<String, Object> values;
    if (inputs.isEmpty()) {
      values = message.fields();
    } else {
      values = new LinkedHashMap<>();
      for (String input : inputs) {
        values.put(input, message.get(input));
      }
    }
    return check.test(values, globalConfig);
  }
}
