package io.metron.pipeline.parse;

import io.metron.pipeline.parse.bro.BroParser;
import io.metron.pipeline.parse.bro.ZeekParser;
import io.metron.pipeline.parse.cef.CefParser;
import io.metron.pipeline.parse.cef.FireEyeParser;
import io.metron.pipeline.parse.cef.LeefParser;
import io.metron.pipeline.parse.csv.CsvParser;
import io.metron.pipeline.parse.csv.PaloAltoParser;
import io.metron.pipeline.parse.csv.SnortParser;
import io.metron.pipeline.parse.grok.AsaParser;
import io.metron.pipeline.parse.grok.GrokParser;
import io.metron.pipeline.parse.grok.WebsphereParser;
import io.metron.pipeline.parse.json.JsonMapParser;
import io.metron.pipeline.parse.json.LancopeParser;
import io.metron.pipeline.parse.json.LogstashParser;
import io.metron.pipeline.parse.json.SuricataParser;
import io.metron.pipeline.parse.regex.IseParser;
import io.metron.pipeline.parse.regex.RegexParser;
import io.metron.pipeline.parse.regex.SourcefireParser;
import io.metron.pipeline.parse.syslog.Syslog3164Parser;
import io.metron.pipeline.parse.syslog.Syslog5424Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of parsers: every built-in, listed here explicitly, plus those plug-in jars provide
 * through {@link ParserProvider}. A sensor's {@code parserClassName} selects one by short name
 * ({@code bro}) or by Apache Metron class name ({@code
 * org.apache.metron.parsers.bro.BasicBroParser}). The same entries drive {@code metron docs
 * parsers}, config checking and the contract test.
 */
public final class BuiltinParsers {
  private static final List<ParserType> BUILT_IN =
      List.of(
          BroParser.TYPE,
          ZeekParser.TYPE,
          SuricataParser.TYPE,
          SnortParser.TYPE,
          GrokParser.TYPE,
          AsaParser.TYPE,
          WebsphereParser.TYPE,
          Syslog3164Parser.TYPE,
          Syslog5424Parser.TYPE,
          CefParser.TYPE,
          LeefParser.TYPE,
          FireEyeParser.TYPE,
          CsvParser.TYPE,
          PaloAltoParser.TYPE,
          JsonMapParser.TYPE,
          LogstashParser.TYPE,
          LancopeParser.TYPE,
          SourcefireParser.TYPE,
          IseParser.TYPE,
          RegexParser.TYPE);

  private static volatile List<ParserType> all;

  private BuiltinParsers() {}

  /** Every parser: the built-ins, then plug-ins, in a stable order. */
  public static List<ParserType> all() {
    List<ParserType> result = all;
    if (result == null) {
      List<ParserType> types = new ArrayList<>(BUILT_IN);
      for (ParserProvider provider : ServiceLoader.load(ParserProvider.class)) {
        types.addAll(provider.parserTypes());
      }
      result = List.copyOf(types);
      all = result;
    }
    return result;
  }

  /** The parser {@code parserClassName} selects, by short name or Metron class name. */
  public static Optional<ParserType> find(String parserClassName) {
    if (parserClassName == null) {
      return Optional.empty();
    }
    String name = parserClassName.strip();
    for (ParserType type : all()) {
      if (type.matches(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** A message for an unknown parser name, with the closest known name when there is one. */
  static String unknownMessage(String parserClassName) {
    List<String> names = all().stream().map(ParserType::name).toList();
    String simple =
        parserClassName == null
            ? ""
            : parserClassName
                .substring(parserClassName.lastIndexOf('.') + 1)
                .toLowerCase(Locale.ROOT);
    String hint = null;
    for (String name : names) {
      if (!simple.isEmpty()
          && (simple.contains(name.toLowerCase(Locale.ROOT))
              || name.toLowerCase(Locale.ROOT).contains(simple))) {
        hint = name;
        break;
      }
    }
    return "unknown parser '"
        + parserClassName
        + "'"
        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
        + "; known: "
        + String.join(", ", names);
  }

  /** A complete sensor config document that uses {@code type} with its example options. */
  public static Map<String, Object> exampleSensorConfig(ParserType type) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "parserClassName",
        type.metronClassNames().isEmpty() ? type.name() : type.metronClassNames().getFirst());
    config.put("sensorTopic", type.name());
    config.put("parserConfig", type.exampleParserConfig());
    return config;
  }
}
