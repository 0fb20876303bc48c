package io.metron.pipeline.manage;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserRunner;
import io.metron.pipeline.parse.RawMessage;
import io.metron.pipeline.parse.expr.StellarEngine;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code PARSER_INIT}, {@code PARSER_PARSE} and {@code PARSER_CONFIG}: run a sensor's real parser,
 * field transformations and validations in the REPL on sample input, as Metron's
 * StellarParserRunner did.
 */
final class ParserFunctions {
  private ParserFunctions() {}

  /**
   * A parser from {@code PARSER_INIT}, counting what it produced.
   *
   * @param sensor the sensor
   * @param configJson its parser config
   * @param runner the running parser
   */
  record Parser(String sensor, String configJson, ParserRunner runner, AtomicLong[] counts) {
    Parser(String sensor, String configJson, ParserRunner runner) {
      this(sensor, configJson, runner, new AtomicLong[] {new AtomicLong(), new AtomicLong()});
    }

    @Override
    public String toString() {
      return "Parser{" + counts[0].get() + " successful, " + counts[1].get() + " error(s)}";
    }
  }

  /**
   * The functions.
   *
   * @param functions what the sensor's Stellar transformations may call
   * @param configs a sensor's parser config (JSON) from the config directory, for PARSER_INIT
   *     without a config
   */
  static List<StellarFunction> all(
      Supplier<FunctionRegistry> functions, Function<String, Optional<String>> configs) {
    return List.of(init(functions, configs), parse(), config());
  }

  private static final String EXAMPLE_CONFIG =
      "{'parserClassName': 'org.apache.metron.parsers.csv.CSVParser', 'parserConfig': {"
          + "'columns': {'timestamp': 0, 'user': 1, 'action': 2}}}";

  static StellarFunction init(
      Supplier<FunctionRegistry> functions, Function<String, Optional<String>> configs) {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_INIT")
            .param("sensorType", "String", "the sensor")
            .optional(
                "config",
                "String or Map",
                "its parser config; the one in the config directory when left out")
            .returns("a parser for PARSER_PARSE and PARSER_CONFIG")
            .description("Builds a sensor's parser, transformations and validations.")
            .example(
                "MAP_GET('action', GET(PARSER_PARSE(PARSER_INIT('auth', "
                    + EXAMPLE_CONFIG
                    + "), '1700000000000,alice,login'), 0))",
                "'login'")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Object sensorArg = args.get(0);
          if (sensorArg == null || sensorArg.toString().isBlank()) {
            throw new StellarException("PARSER_INIT: sensorType is required");
          }
          String sensor = sensorArg.toString();
          String json;
          if (args.size() > 1 && args.get(1) != null) {
            json = ConfigJson.write(ConfigJson.read("PARSER_INIT", args.get(1)));
          } else {
            json =
                configs
                    .apply(sensor)
                    .orElseThrow(
                        () ->
                            new StellarException(
                                "PARSER_INIT: no parser config for sensor '"
                                    + sensor
                                    + "' in the config directory; pass one as the second"
                                    + " argument"));
          }
          SensorParserConfig config;
          try {
            config = ConfigLoader.parserConfig(sensor, json);
          } catch (ConfigException e) {
            throw new StellarException("PARSER_INIT: " + TriageFunctions.problems(e));
          }
          try {
            ParserRunner runner =
                ParserRunner.create(
                    config,
                    new GlobalConfig(context.globalConfig()),
                    Clock.systemUTC(),
                    new StellarEngine(functions.get()));
            return new Parser(sensor, json, runner);
          } catch (ParserConfigException e) {
            List<String> lines = new ArrayList<>();
            e.problems().forEach(p -> lines.add(p.path() + ": " + p.message()));
            throw new StellarException("PARSER_INIT: " + String.join("; ", lines));
          }
        });
  }

  static StellarFunction parse() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_PARSE")
            .param("parser", "Parser", "from PARSER_INIT")
            .param("input", "String or List", "one raw message, or a list of them")
            .returns(
                "List of Maps: each parsed message, and an error message for each input (or line)"
                    + " that failed, in order")
            .description("Parses raw messages with a parser from PARSER_INIT.")
            .example(
                "MAP_GET('error_type', GET(PARSER_PARSE(PARSER_INIT('auth', {'parserClassName':"
                    + " 'org.apache.metron.parsers.json.JSONMapParser'}), 'not json'), 0))",
                "'parser_error'")
            .nondeterministic()
            .build(),
        (args, context) -> {
          if (!(args.get(0) instanceof Parser parser)) {
            throw new StellarException(
                "PARSER_PARSE: parser must come from PARSER_INIT, got " + args.get(0));
          }
          Object input = args.get(1);
          List<String> raws = new ArrayList<>();
          if (input instanceof Collection<?> c) {
            c.forEach(v -> raws.add(v == null ? "" : v.toString()));
          } else if (input != null) {
            raws.add(input.toString());
          }
          List<Map<String, Object>> out = new ArrayList<>();
          for (int i = 0; i < raws.size(); i++) {
            RawMessage raw =
                new RawMessage(
                    raws.get(i).getBytes(StandardCharsets.UTF_8),
                    null,
                    parser.sensor(),
                    "repl:" + (i + 1));
            for (ParseOutcome outcome : parser.runner().process(raw)) {
              Message message = outcome.message();
              if (message == null) {
                continue;
              }
              parser.counts()[outcome instanceof ParseOutcome.Parsed ? 0 : 1].incrementAndGet();
              out.add(new LinkedHashMap<>(message.fields()));
            }
          }
          return out;
        });
  }

  static StellarFunction config() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_CONFIG")
            .param("parser", "Parser", "from PARSER_INIT")
            .returns("String: the parser config it was built from")
            .description("The config of a parser from PARSER_INIT.")
            .example(
                "MAP_GET('parserClassName', TO_JSON_MAP(PARSER_CONFIG(PARSER_INIT('auth',"
                    + " {'parserClassName': 'org.apache.metron.parsers.json.JSONMapParser'}))))",
                "'org.apache.metron.parsers.json.JSONMapParser'")
            .nondeterministic()
            .build(),
        (args, context) -> {
          if (!(args.get(0) instanceof Parser parser)) {
            throw new StellarException(
                "PARSER_CONFIG: parser must come from PARSER_INIT, got " + args.get(0));
          }
          return parser.configJson();
        });
  }
}
