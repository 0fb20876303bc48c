package io.metron.pipeline.parse;

/**
 * One {@code parserConfig} key a parser understands, for documentation, the UI and validation.
 *
 * @param name the key in {@code parserConfig}
 * @param type what the value must be: {@code string}, {@code boolean}, {@code integer}, {@code list
 *     of strings}, {@code map}, {@code string or list}
 * @param required whether the parser cannot be built without it
 * @param defaultValue the value used when absent, as text, or {@code null}
 * @param description what it does
 */
public record ParserOption(
    String name, String type, boolean required, String defaultValue, String description) {

  public static ParserOption required(String name, String type, String description) {
    return new ParserOption(name, type, true, null, description);
  }

  public static ParserOption optional(
      String name, String type, String defaultValue, String description) {
    return new ParserOption(name, type, false, defaultValue, description);
  }
}
