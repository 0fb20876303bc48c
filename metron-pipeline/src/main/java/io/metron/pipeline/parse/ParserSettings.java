package io.metron.pipeline.parse;

import io.metron.core.config.GlobalConfig;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parser's view of its sensor config: the {@code parserConfig} values with typed accessors that
 * report a wrong value with its file and JSON path, plus the global config and the clock.
 *
 * <p>Metron read {@code parserConfig} loosely (strings for booleans and numbers were common), so
 * the accessors accept those forms too. Immutable.
 */
public final class ParserSettings {
  private final String sensor;
  private final String file;
  private final Map<String, Object> values;
  private final GlobalConfig global;
  private final Clock clock;

  public ParserSettings(
      String sensor, Map<String, Object> values, GlobalConfig global, Clock clock) {
    this.sensor = sensor;
    this.file = "parsers/" + sensor + ".json";
    this.values = values == null ? Map.of() : values;
    this.global = global == null ? GlobalConfig.empty() : global;
    this.clock = clock;
  }

  /** Settings for a parser built outside a sensor config (tests, the docs' examples). */
  public static ParserSettings of(Map<String, Object> values) {
    return new ParserSettings("example", values, GlobalConfig.empty(), Clock.systemUTC());
  }

  public String sensor() {
    return sensor;
  }

  /** The config file, relative to the config directory, for problem reports. */
  public String file() {
    return file;
  }

  public Map<String, Object> values() {
    return values;
  }

  public GlobalConfig global() {
    return global;
  }

  /** The clock parsers read "now" from (for year-less dates and missing timestamps). */
  public Clock clock() {
    return clock;
  }

  /** The JSON path of an option, as problem reports show it. */
  public static String path(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*")
        ? "$.parserConfig." + key
        : "$.parserConfig['" + key + "']";
  }

  public ParserConfigException problem(String key, String message) {
    return new ParserConfigException(file, path(key), message);
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** A string option; numbers and booleans are accepted as their text. */
  public String string(String key) throws ParserConfigException {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw problem(key, "expected a string, found " + describe(value));
  }

  public String string(String key, String fallback) throws ParserConfigException {
    String value = string(key);
    return value == null ? fallback : value;
  }

  public String requiredString(String key) throws ParserConfigException {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw problem(key, "is required");
    }
    return value;
  }

  public boolean bool(String key, boolean fallback) throws ParserConfigException {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && s.matches("(?i)true|false")) {
      return Boolean.parseBoolean(s);
    }
    throw problem(key, "expected true or false, found " + describe(value));
  }

  public int integer(String key, int fallback) throws ParserConfigException {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      return n.intValue();
    }
    if (value instanceof String s && s.trim().matches("-?\\d{1,9}")) {
      return Integer.parseInt(s.trim());
    }
    throw problem(key, "expected a whole number, found " + describe(value));
  }

  /** An option naming one of {@code type}'s constants, in any case. */
  public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback)
      throws ParserConfigException {
    String value = string(key);
    if (value == null) {
      return fallback;
    }
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      if (constant.name().equalsIgnoreCase(value.strip())) {
        return constant;
      }
    }
    throw problem(
        key,
        "unknown value '"
            + value
            + "'; known: "
            + Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** A list of strings; a single string is a one-element list. */
  public List<String> strings(String key) throws ParserConfigException {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        if (element instanceof String || element instanceof Number) {
          out.add(element.toString());
        } else {
          throw new ParserConfigException(
              file, path(key) + "[" + i + "]", "expected a string, found " + describe(element));
        }
      }
      return List.copyOf(out);
    }
    throw problem(key, "expected a string or a list of strings, found " + describe(value));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) throws ParserConfigException {
    Object value = values.get(key);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw problem(key, "expected a JSON object, found " + describe(value));
  }

  public ZoneId zone(String key, ZoneId fallback) throws ParserConfigException {
    String value = string(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw problem(key, "unknown time zone '" + value + "' (use a region such as Europe/Paris)");
    }
  }

  /** {@code readCharset}: how the raw bytes are decoded (UTF-8 unless set). */
  public Charset charset() throws ParserConfigException {
    String name = string("readCharset");
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw problem("readCharset", "unknown character set '" + name + "'");
    }
  }

  static String describe(Object value) {
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return value instanceof List<?> ? "a list" : "an object";
  }
}
