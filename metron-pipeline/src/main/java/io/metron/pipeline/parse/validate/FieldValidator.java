package io.metron.pipeline.parse.validate;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.transform.TransformContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * One entry of the global {@code fieldValidations}: a check applied to the value of each input
 * field (a missing value fails), or to the whole message when a STELLAR check has no input.
 *
 * @param inputs the fields checked; they become the error's {@code error_fields} when it fails
 * @param name the validation's name, for messages
 * @param check the test for one value
 * @param messageCheck for STELLAR validations, the test on the whole message; else {@code null}
 */
public record FieldValidator(
    List<String> inputs, String name, Predicate<Object> check, MessageCheck messageCheck) {

  /** A test that needs the message (and may fail by throwing, which counts as invalid). */
  @FunctionalInterface
  public interface MessageCheck {
    boolean test(Message message, TransformContext context);
  }

  /** Thread-safe; never throws. */
  public boolean isValid(Message message, TransformContext context) {
    if (messageCheck != null) {
      return messageCheck.test(message, context);
    }
    for (String input : inputs) {
      Object value = message.get(input);
      if (value == null || !check.test(value)) {
        return false;
      }
    }
    return true;
  }
}
