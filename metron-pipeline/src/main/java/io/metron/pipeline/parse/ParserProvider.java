package io.metron.pipeline.parse;

import java.util.List;

/**
 * The plug-in interface for parsers outside this module: a jar lists its implementation in {@code
 * META-INF/services/io.metron.pipeline.parse.ParserProvider} and its parsers join the registry,
 * selectable by name like the built-ins. Implementations must have a public no-argument
 * constructor.
 */
public interface ParserProvider {
  List<ParserType> parserTypes();
}
