package io.metron.pipeline.parse;

import java.io.PrintStream;

/** Renders the parser registry for {@code metron docs parsers}. */
public final class ParserDocs {
  private ParserDocs() {}

  /** Writes every registered parser with its names, options and an example. */
  public static void print(PrintStream out) {
    for (ParserType type : BuiltinParsers.all()) {
      out.println(type.name());
      out.println("  " + type.description());
      if (!type.metronClassNames().isEmpty()) {
        out.println("  Metron class: " + String.join(", ", type.metronClassNames()));
      }
      if (type.options().isEmpty()) {
        out.println("  Options: none");
      } else {
        out.println("  Options (parserConfig):");
        for (ParserOption option : type.options()) {
          out.println(
              "    "
                  + option.name()
                  + " ("
                  + option.type()
                  + (option.required() ? ", required" : "")
                  + (option.defaultValue() == null ? "" : ", default " + option.defaultValue())
                  + "): "
                  + option.description());
        }
      }
      out.println(
          "  Example config: "
              + io.metron.core.message.MessageCodec.toJson(
                  io.metron.core.message.Message.of(BuiltinParsers.exampleSensorConfig(type))));
      out.println();
    }
    out.println("Every parser also reads: readCharset (default UTF-8), kafka.topicField and");
    out.println("kafka.topic (output routing), filter.query (with filterClassName STELLAR),");
    out.println("communityId (add community_id to messages with a 5-tuple; default: the global");
    out.println("parser.communityId, else false).");
  }
}
