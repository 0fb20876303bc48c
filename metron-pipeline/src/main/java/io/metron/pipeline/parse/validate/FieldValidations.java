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
 */
public final class FieldValidations {
  static final String FILE = "global.json";
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\\.?");
  private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp", "file");

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
    } else if (input != null) {
      inputs.add(input.toString());
    }
    Object nameValue = entry.get("validation");
    if (nameValue == null) {
      problems.add(new ConfigProblem(FILE, path + ".validation", "is required"));
      return null;
    }
    String name = nameValue.toString().toUpperCase(Locale.ROOT);
    Map<?, ?> config = entry.get("config") instanceof Map<?, ?> m ? m : Map.of();
    Predicate<Object> check;
    switch (name) {
      case "STELLAR" -> {
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
        return new FieldValidator(
            inputs,
            name,
            o -> true,
            (message, context) -> {
              try {
                return expression.test(
                    n -> {
                      Object v = message.get(n);
                      return v != null ? v : context.extraVariables().apply(n);
                    },
                    context.globalConfig());
              } catch (ExpressionException e) {
                return false;
              }
            });
      }
      case "IP" -> check = ipCheck(config.get("type"));
      case "DOMAIN" -> check = o -> DOMAIN.matcher(o.toString()).matches();
      case "EMAIL" -> check = FieldValidations::isEmail;
      case "URL" -> check = FieldValidations::isUrl;
      case "INTEGER" -> check = FieldValidations::isInteger;
      case "NOT_EMPTY" -> check = o -> !o.toString().isEmpty();
      case "DATE" -> {
        Object format = config.get("format");
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
        check = o -> isDate(o.toString(), pattern);
      }
      case "REGEX_MATCH" -> {
        Object regex = config.get("pattern");
        if (regex == null) {
          problems.add(new ConfigProblem(FILE, path + ".config.pattern", "is required"));
          return null;
        }
        try {
          Pattern p = Pattern.compile(regex.toString());
          check = o -> p.matcher(o.toString()).matches();
        } catch (PatternSyntaxException e) {
          problems.add(
              new ConfigProblem(
                  FILE,
                  path + ".config.pattern",
                  "invalid regular expression: " + e.getDescription()));
          return null;
        }
      }
      default -> {
        problems.add(
            new ConfigProblem(
                FILE,
                path + ".validation",
                "unknown validation '"
                    + nameValue
                    + "'; known: STELLAR, IP, DOMAIN, EMAIL, URL, DATE, INTEGER, REGEX_MATCH,"
                    + " NOT_EMPTY"));
        return null;
      }
    }
    if (inputs.isEmpty()) {
      problems.add(new ConfigProblem(FILE, path + ".input", name + " validation needs an input"));
      return null;
    }
    return new FieldValidator(List.copyOf(inputs), name, check, null);
  }

  private static Predicate<Object> ipCheck(Object type) {
    List<String> types = new ArrayList<>();
    if (type instanceof List<?> list) {
      list.forEach(t -> types.add(t.toString().toUpperCase(Locale.ROOT)));
    } else {
      types.add(type == null ? "IPV4" : type.toString().toUpperCase(Locale.ROOT));
    }
    boolean v4 = types.contains("IPV4");
    boolean v6 = types.contains("IPV6");
    return o -> {
      String s = o.toString();
      return (v4 && isIpv4(s)) || (v6 && s.indexOf(':') >= 0 && isLiteral(s));
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

  private static boolean isLiteral(String s) {
    try {
      InetAddress.ofLiteral(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isEmail(Object o) {
    String s = o.toString();
    int at = s.lastIndexOf('@');
    return at > 0
        && at < s.length() - 1
        && EMAIL_LOCAL.matcher(s.substring(0, at)).matches()
        && DOMAIN.matcher(s.substring(at + 1)).matches();
  }

  private static boolean isUrl(Object o) {
    try {
      URI uri = new URI(o.toString());
      return uri.getScheme() != null
          && URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && (uri.getHost() != null || "file".equalsIgnoreCase(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isInteger(Object o) {
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return true;
    }
    if (o instanceof Number n) {
      return n.doubleValue() == Math.rint(n.doubleValue());
    }
    try {
      Long.parseLong(o.toString().trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDate(String value, String pattern) {
    SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ROOT);
    format.setLenient(false);
    ParsePosition position = new ParsePosition(0);
    return format.parse(value, position) != null && position.getIndex() == value.length();
  }
}
