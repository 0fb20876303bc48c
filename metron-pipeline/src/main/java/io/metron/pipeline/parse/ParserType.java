package io.metron.pipeline.parse;

import java.util.List;
import java.util.Map;

/**
 * The registry entry of one parser: its names, its options, an example, and how to build it.
 *
 * @param name the short name ({@code bro}, {@code grok}, ...), usable as {@code parserClassName}
 * @param metronClassNames the Apache Metron class names that select this parser, so Metron configs
 *     work unchanged
 * @param description one sentence for {@code metron docs parsers}
 * @param options the {@code parserConfig} keys it reads
 * @param exampleParserConfig a {@code parserConfig} that builds a working parser
 * @param exampleInput one raw input that this example config parses into at least one message
 * @param factory builds the parser from validated settings
 */
public record ParserType(
    String name,
    List<String> metronClassNames,
    String description,
    List<ParserOption> options,
    Map<String, Object> exampleParserConfig,
    String exampleInput,
    Factory factory) {

  /** Builds a parser, or reports the option at fault. */
  @FunctionalInterface
  public interface Factory {
    Parser create(ParserSettings settings) throws ParserConfigException;
  }

  /** Whether {@code parserClassName} (short name or Metron class name) selects this parser. */
  public boolean matches(String parserClassName) {
    return name.equalsIgnoreCase(parserClassName) || metronClassNames.contains(parserClassName);
  }
}
