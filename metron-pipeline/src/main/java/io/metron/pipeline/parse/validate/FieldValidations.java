package io.metron.pipeline.parse.validate;

import io.metron.core.config.ConfigProblem;
import io.metron.core.config.GlobalConfig;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.ExpressionEngine.Expression;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the global config's {@code fieldValidations} (Metron's {@code STELLAR}, {@code IP}, {@code
 * DOMAIN}, {@code EMAIL}, {@code URL}, {@code DATE}, {@code INTEGER}, {@code REGEX_MATCH}, {@code
 * NOT_EMPTY}), reporting bad entries with their path in {@code global.json}.
 *
 * <p>Each check keeps Metron's treatment of a missing field, which differs by validation: the
 * simple checks (DOMAIN, EMAIL, URL, INTEGER, NOT_EMPTY) skip it, IP passes when any one input is
 * missing or an address (so {@code ["ip_src_addr", "ip_dst_addr"]} accepts a message with only one
 * of them), DATE stops at it as valid, REGEX_MATCH fails on it. An entry with no {@code input}
 * checks every field of the message.
 */
public final class FieldValidations {
  static final String FILE = "global.json";
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\\.?");
  private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9][0-9,]*");

  private FieldValidations() {}

  public static List<FieldValidator> build(
      GlobalConfig global, ExpressionEngine engine, List<ConfigProblem> problems) {
    Object raw = global.get("fieldValidations");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> entries)) {
      problems.add(new ConfigProblem(FILE, "$.fieldValidations", "expected a list"));
      return List.of();
    }
    List<FieldValidator> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "$.fieldValidations[" + i + "]";
      if (!(entries.get(i) instanceof Map<?, ?> entry)) {
        problems.add(new ConfigProblem(FILE, path, "expected an object"));
        continue;
      }
      FieldValidator v = one(entry, path, engine, problems);
      if (v != null) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  private static FieldValidator one(
      Map<?, ?> entry, String path, ExpressionEngine engine, List<ConfigProblem> problems) {
    List<String> inputs = new ArrayList<>();
    Object input = entry.get("input");
    if (input instanceof List<?> list) {
      list.forEach(o -> inputs.add(String.valueOf(o)));
    } else if (input instanceof String s) {
      inputs.add(s);
    }
    Object nameValue = entry.get("validation");
    if (nameValue == null) {
      problems.add(new ConfigProblem(FILE, path + ".validation", "is required"));
      return null;
    }
    String name = nameValue.toString().toUpperCase(Locale.ROOT);
    Map<String, Object> config = new LinkedHashMap<>();
    if (entry.get("config") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> config.put(String.valueOf(k), v));
    }
    FieldValidator.Check check =
        switch (name) {
          case "STELLAR", "MQL" -> stellar(config, path, engine, problems);
          case "IP" -> ip(config.get("type"));
          case "DOMAIN" -> eachPresent(FieldValidations::isDomain);
          case "EMAIL" -> eachPresent(FieldValidations::isEmail);
          case "URL" -> eachPresent(FieldValidations::isUrl);
          case "INTEGER" -> eachPresent(FieldValidations::isInteger);
          case "NOT_EMPTY" -> eachPresent(s -> !s.trim().isEmpty());
          case "DATE" -> date(config.get("format"), path, problems);
          case "REGEX_MATCH" -> regex(config.get("pattern"), path, problems);
          default -> {
            problems.add(
                new ConfigProblem(
                    FILE,
                    path + ".validation",
                    "unknown validation '"
                        + nameValue
                        + "'; known: STELLAR, IP, DOMAIN, EMAIL, URL, DATE, INTEGER, REGEX_MATCH,"
                        + " NOT_EMPTY"));
            yield null;
          }
        };
    return check == null ? null : new FieldValidator(List.copyOf(inputs), name, check);
  }

  /**
   * Metron's simple validations: every present value, as text, must pass; a missing field passes.
   */
  private static FieldValidator.Check eachPresent(Predicate<String> test) {
    return (values, global) -> {
      for (Object value : values.values()) {
        if (value != null && !test.test(value.toString())) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * Metron's IP validation passes when ANY selected value is missing or an address of one of the
   * configured types ({@code IPV4}, {@code IPV6}; none or an unknown name = either version).
   */
  private static FieldValidator.Check ip(Object type) {
    List<Object> types = new ArrayList<>();
    if (type instanceof List<?> list) {
      types.addAll(list);
    } else if (type != null) {
      types.add(type);
    }
    List<Predicate<String>> tests = new ArrayList<>();
    for (Object t : types.isEmpty() ? List.<Object>of("DEFAULT") : types) {
      tests.add(
          switch (String.valueOf(t)) {
            case "IPV4" -> FieldValidations::isIpv4;
            case "IPV6" -> FieldValidations::isIpv6;
            default -> s -> isIpv4(s) || isIpv6(s);
          });
    }
    return (values, global) -> {
      for (Predicate<String> test : tests) {
        for (Object value : values.values()) {
          if (value == null || test.test(value.toString())) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /**
   * Metron's DATE validation: each value must start with a date in the format (strict, as {@code
   * SimpleDateFormat} without leniency reads it); the first missing value ends the check as valid.
   */
  private static FieldValidator.Check date(
      Object format, String path, List<ConfigProblem> problems) {
    if (format == null) {
      problems.add(new ConfigProblem(FILE, path + ".config.format", "is required"));
      return null;
    }
    String pattern = format.toString();
    try {
      new SimpleDateFormat(pattern, Locale.ROOT);
    } catch (IllegalArgumentException e) {
      problems.add(
          new ConfigProblem(FILE, path + ".config.format", "invalid date format: " + pattern));
      return null;
    }
    return (values, global) -> {
      for (Object value : values.values()) {
        if (value == null) {
          return true;
        }
        if (!isDate(value.toString(), pattern)) {
          return false;
        }
      }
      return true;
    };
  }

  /** Metron's REGEX_MATCH: every value must be present and match the whole pattern. */
  private static FieldValidator.Check regex(
      Object regex, String path, List<ConfigProblem> problems) {
    if (regex == null) {
      problems.add(new ConfigProblem(FILE, path + ".config.pattern", "is required"));
      return null;
    }
    Pattern p;
    try {
      p = Pattern.compile(regex.toString());
    } catch (PatternSyntaxException e) {
      problems.add(
          new ConfigProblem(
              FILE, path + ".config.pattern", "invalid regular expression: " + e.getDescription()));
      return null;
    }
    return (values, global) -> {
      for (Object value : values.values()) {
        if (value == null || !p.matcher(value.toString()).matches()) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * Metron's STELLAR validation: the condition sees the selected fields (the whole message when the
   * entry names no input), then the entry's {@code config} values, then the global config. An
   * expression that fails to evaluate makes the message invalid.
   */
  private static FieldValidator.Check stellar(
      Map<String, Object> config,
      String path,
      ExpressionEngine engine,
      List<ConfigProblem> problems) {
    Object condition = config.get("condition");
    if (condition == null) {
      problems.add(new ConfigProblem(FILE, path + ".config.condition", "is required"));
      return null;
    }
    Expression expression;
    try {
      expression = engine.compile(condition.toString());
    } catch (ExpressionException e) {
      problems.add(
          new ConfigProblem(
              FILE,
              path + ".config.condition",
              "Stellar expression does not compile: " + e.getMessage()));
      return null;
    }
    return (values, global) -> {
      try {
        return expression.test(
            n -> {
              if (values.containsKey(n)) {
                return values.get(n);
              }
              Object v = config.get(n);
              return v != null ? v : global.get(n);
            },
            global);
      } catch (ExpressionException e) {
        return false;
      }
    };
  }

  /** Whether {@code s} is a dotted-quad IPv4 address. */
  public static boolean isIpv4(String s) {
    int parts = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || value > 255) {
          return false;
        }
        parts++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return parts == 4;
  }

  /** Whether {@code s} is an IPv6 address literal (no brackets, no zone). */
  public static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0 || s.indexOf('%') >= 0 || s.startsWith("[")) {
      return false;
    }
    try {
      InetAddress.ofLiteral(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isDomain(String s) {
    return DOMAIN.matcher(s).matches();
  }

  private static boolean isEmail(String s) {
    int at = s.lastIndexOf('@');
    return at > 0
        && at < s.length() - 1
        && EMAIL_LOCAL.matcher(s.substring(0, at)).matches()
        && isDomain(s.substring(at + 1));
  }

  private static boolean isUrl(String s) {
    try {
      URI uri = new URI(s);
      return uri.getScheme() != null
          && URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A whole number in the range of a long, as Metron's locale-aware check read the value's text:
   * surrounding space and grouping commas are allowed, a fraction ({@code 1.0}) is not.
   */
  private static boolean isInteger(String s) {
    String t = s.trim();
    if (!INTEGER.matcher(t).matches()) {
      return false;
    }
    try {
      Long.parseLong(t.replace(",", ""));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether the text starts with a date in the pattern, as {@code DateFormat.parse} accepts. */
  private static boolean isDate(String value, String pattern) {
    SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ROOT);
    format.setLenient(false);
    return format.parse(value, new ParsePosition(0)) != null;
  }
}
