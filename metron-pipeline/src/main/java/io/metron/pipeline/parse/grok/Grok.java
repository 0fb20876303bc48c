package io.metron.pipeline.parse.grok;

import io.metron.core.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A grok expression compiled to one {@link java.util.regex.Pattern}.
 *
 * <p>{@code %{NAME}} expands to the pattern {@code NAME} from the library; {@code %{NAME:field}}
 * also captures it as {@code field}; {@code %{NAME:field:int}} (or {@code long}, {@code float},
 * {@code double}, {@code boolean}) converts the value. Captures named {@code UNWANTED} are matched
 * but not kept. Regex named groups {@code (?<field>...)} are kept too. Because Java group names
 * cannot hold {@code _}, {@code .} or {@code -}, each capture gets a generated group name and a
 * table maps it back.
 *
 * <p>Untyped values made only of digits become numbers, as Metron's grok library made them. Empty
 * captures are left out. Immutable and thread-safe.
 */
public final class Grok {
  private static final Pattern REFERENCE =
      Pattern.compile("%\\{([A-Za-z0-9_.\\-]+)(?::([^:}]+))?(?::([A-Za-z]+))?}");
  private static final int MAX_DEPTH = 64;

  /** What a capture is converted to. */
  enum Type {
    AUTO,
    STRING,
    LONG,
    DOUBLE,
    BOOLEAN
  }

  private record Capture(String group, String field, Type type) {}

  /** A capture resolved to its group number, so matching never looks names up. */
  private record Slot(int group, String field, Type type) {}

  private final String expression;
  private final Pattern pattern;
  private final List<Capture> captures;
  private final Slot[] slots;

  private Grok(String expression, Pattern pattern, List<Capture> captures) {
    this.expression = expression;
    this.pattern = pattern;
    this.captures = captures;
    Map<String, Integer> numbers = pattern.namedGroups();
    this.slots =
        captures.stream()
            .map(c -> new Slot(numbers.get(c.group()), c.field(), c.type()))
            .toArray(Slot[]::new);
  }

  /**
   * Compiles {@code expression} against {@code library}.
   *
   * @throws GrokException naming the unknown pattern, the cycle or the regex error
   */
  public static Grok compile(String expression, Map<String, String> library) throws GrokException {
    List<Capture> captures = new ArrayList<>();
    String regex = expand(expression, library, captures, 0, new ArrayList<>());
    try {
      return new Grok(expression, Pattern.compile(regex), List.copyOf(captures));
    } catch (PatternSyntaxException e) {
      throw new GrokException(
          "grok expression "
              + expression
              + " is not a valid regular expression: "
              + e.getDescription());
    }
  }

  private static String expand(
      String text,
      Map<String, String> library,
      List<Capture> captures,
      int depth,
      List<String> stack)
      throws GrokException {
    if (depth > MAX_DEPTH) {
      throw new GrokException("grok patterns nest too deeply: " + String.join(" -> ", stack));
    }
    StringBuilder out = new StringBuilder();
    Matcher m = REFERENCE.matcher(text);
    int last = 0;
    while (m.find()) {
      out.append(renameGroups(text.substring(last, m.start()), captures));
      String name = m.group(1);
      String field = m.group(2);
      String definition = library.get(name);
      if (definition == null) {
        throw new GrokException(
            "unknown grok pattern %{"
                + name
                + "}"
                + (stack.isEmpty() ? "" : " (used by " + stack.getLast() + ")"));
      }
      if (stack.contains(name)) {
        throw new GrokException("grok pattern " + name + " refers to itself through " + stack);
      }
      stack.add(name);
      String inner = expand(definition, library, captures, depth + 1, stack);
      stack.removeLast();
      if (field != null && !field.equals("UNWANTED")) {
        String group = "g" + captures.size();
        captures.add(new Capture(group, field, type(m.group(3))));
        out.append("(?<").append(group).append('>').append(inner).append(')');
      } else {
        out.append("(?:").append(inner).append(')');
      }
      last = m.end();
    }
    out.append(renameGroups(text.substring(last), captures));
    return out.toString();
  }

  /** Gives regex named groups ({@code (?<field_name>}) Java-legal generated names. */
  private static String renameGroups(String regex, List<Capture> captures) {
    if (regex.indexOf("(?<") < 0) {
      return regex;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < regex.length()) {
      int at = regex.indexOf("(?<", i);
      if (at < 0 || at + 3 >= regex.length()) {
        out.append(regex, i, regex.length());
        break;
      }
      out.append(regex, i, at);
      char next = regex.charAt(at + 3);
      int close = regex.indexOf('>', at + 3);
      boolean escaped = at > 0 && regex.charAt(at - 1) == '\\';
      if (escaped || next == '=' || next == '!' || close < 0) {
        out.append("(?<");
        i = at + 3;
        continue;
      }
      String field = regex.substring(at + 3, close);
      String group = "g" + captures.size();
      captures.add(new Capture(group, field, Type.AUTO));
      out.append("(?<").append(group).append('>');
      i = close + 1;
    }
    return out.toString();
  }

  private static Type type(String name) throws GrokException {
    if (name == null) {
      return Type.AUTO;
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "int", "long" -> Type.LONG;
      case "float", "double" -> Type.DOUBLE;
      case "boolean" -> Type.BOOLEAN;
      case "string" -> Type.STRING;
      default -> throw new GrokException("unknown grok type ':" + name + "'");
    };
  }

  /**
   * The captures of {@code text} if the whole text matches, else {@code null}.
   *
   * @throws RegexBudget.ExceededException when matching would backtrack without end
   */
  public Message match(String text) {
    Matcher m = pattern.matcher(RegexBudget.of(text));
    return RegexBudget.guard(m::matches) ? values(m) : null;
  }

  /** Like {@link #match} but the pattern may match anywhere in the text. */
  public Message find(String text) {
    Matcher m = pattern.matcher(RegexBudget.of(text));
    return RegexBudget.guard(m::find) ? values(m) : null;
  }

  private Message values(Matcher m) {
    Message out = Message.empty();
    for (Slot slot : slots) {
      int start = m.start(slot.group());
      if (start < 0 || start == m.end(slot.group()) || out.has(slot.field())) {
        continue;
      }
      out.put(slot.field(), convert(m.group(slot.group()), slot.type()));
    }
    return out;
  }

  private static Object convert(String value, Type type) {
    switch (type) {
      case STRING -> {
        return value;
      }
      case LONG -> {
        try {
          return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          return value;
        }
      }
      case DOUBLE -> {
        try {
          return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
          return value;
        }
      }
      case BOOLEAN -> {
        return Boolean.parseBoolean(value.trim());
      }
      default -> {
        return digitsToLong(value);
      }
    }
  }

  /** The value as a {@code Long} when it is only digits (with an optional minus), else itself. */
  private static Object digitsToLong(String value) {
    int n = value.length();
    if (n == 0 || n > 18) {
      return value;
    }
    boolean negative = value.charAt(0) == '-' && n > 1;
    long result = 0;
    for (int i = negative ? 1 : 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return value;
      }
      result = result * 10 + (c - '0');
    }
    return negative ? -result : result;
  }

  /** The field names this expression captures, in order. */
  public List<String> fields() {
    return captures.stream().map(Capture::field).distinct().toList();
  }

  @Override
  public String toString() {
    return expression;
  }
}
