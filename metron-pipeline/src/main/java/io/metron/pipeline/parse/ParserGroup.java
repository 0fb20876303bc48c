package io.metron.pipeline.parse;

import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.pipeline.parse.ParseOutcome.Failed;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Several sensors parsed together (Metron's aggregated parsers, {@code bro__snort__yaf}): each
 * input goes to the sensor whose {@code sensorTopic} (a name, or {@code /regex/}) matches the
 * input's topic. Immutable and thread-safe; {@link #process} never throws.
 */
public final class ParserGroup {
  private record Route(Pattern topic, String exact, ParserRunner runner) {
    boolean accepts(String name) {
      return exact != null ? exact.equals(name) : topic.matcher(name).matches();
    }
  }

  private final String name;
  private final List<Route> routes;
  private final Clock clock;

  private ParserGroup(String name, List<Route> routes, Clock clock) {
    this.name = name;
    this.routes = routes;
    this.clock = clock;
  }

  public static ParserGroup create(List<SensorParserConfig> configs, GlobalConfig global)
      throws ParserConfigException {
    return create(configs, global, Clock.systemUTC(), ExpressionEngine.standard());
  }

  public static ParserGroup create(
      List<SensorParserConfig> configs, GlobalConfig global, Clock clock, ExpressionEngine engine)
      throws ParserConfigException {
    List<Route> routes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SensorParserConfig config : configs) {
      ParserRunner runner = ParserRunner.create(config, global, clock, engine);
      String topic = config.sensorTopic() == null ? config.sensor() : config.sensorTopic();
      if (topic.length() > 2 && topic.startsWith("/") && topic.endsWith("/")) {
        routes.add(
            new Route(Pattern.compile(topic.substring(1, topic.length() - 1)), null, runner));
      } else {
        routes.add(new Route(null, topic, runner));
      }
      names.add(config.sensor());
    }
    return new ParserGroup(String.join("__", names), List.copyOf(routes), clock);
  }

  /** The group's name, Metron-style: its sensors joined by {@code __}. */
  public String name() {
    return name;
  }

  /** Parses {@code raw} with the sensor reading its topic. */
  public List<ParseOutcome> process(RawMessage raw) {
    if (raw.topic() == null && routes.size() == 1) {
      return routes.getFirst().runner().process(raw);
    }
    for (Route route : routes) {
      if (raw.topic() != null && route.accepts(raw.topic())) {
        return route.runner().process(raw);
      }
    }
    return List.of(
        new Failed(
            ErrorMessage.of(ErrorType.PARSER_ERROR)
                .sensor(name)
                .message("no sensor of parser group " + name + " reads topic '" + raw.topic() + "'")
                .raw(raw.value() == null ? new byte[0] : raw.value())
                .toMessage(clock.millis(), "localhost")));
  }

  /**
   * The parser groups declared in the global config's {@code parser.groups} (a list of {@code
   * {name, description, sensors}}), by name.
   */
  public static Map<String, List<String>> declared(GlobalConfig global) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (global.get("parser.groups") instanceof List<?> groups) {
      for (Object group : groups) {
        if (group instanceof Map<?, ?> map && map.get("name") != null) {
          List<String> sensors = new ArrayList<>();
          if (map.get("sensors") instanceof List<?> list) {
            list.forEach(s -> sensors.add(String.valueOf(s)));
          }
          out.put(map.get("name").toString(), List.copyOf(sensors));
        }
      }
    }
    return out;
  }
}
