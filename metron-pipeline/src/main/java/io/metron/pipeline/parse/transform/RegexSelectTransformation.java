package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code REGEX_SELECT}: sets the output field to the first {@code config} key whose regular
 * expression (or any of its list of expressions) is found in the input field. The basis of parser
 * chaining: it computes the field that {@code kafka.topicField} routes on.
 */
public final class RegexSelectTransformation implements FieldTransformation {
  /** One candidate output value and the patterns that select it. */
  public record Choice(String value, List<Pattern> patterns) {}

  private final String input;
  private final String output;
  private final List<Choice> choices;

  public RegexSelectTransformation(String input, String output, List<Choice> choices) {
    this.input = input;
    this.output = output;
    this.choices = List.copyOf(choices);
  }

  @Override
  public void apply(Message message, TransformContext context) {
    Object value = message.get(input);
    if (value == null) {
      return;
    }
    String text = value.toString();
    for (Choice choice : choices) {
      for (Pattern pattern : choice.patterns()) {
        if (pattern.matcher(text).find()) {
          message.put(output, choice.value());
          return;
        }
      }
    }
  }
}
