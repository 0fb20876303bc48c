package io.metron.pipeline.manage;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.grok.Grok;
import io.metron.pipeline.parse.grok.GrokException;
import io.metron.pipeline.parse.grok.GrokLibrary;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GROK_EVAL} and {@code GROK_PREDICT}: try a grok expression on sample lines, and guess an
 * expression for a line, with the grok implementation and the {@code /patterns/common} library the
 * grok parsers use.
 */
final class GrokFunctions {
  private GrokFunctions() {}

  /** A top-level pattern reference without a field name, e.g. {@code %{IP}}. */
  private static final Pattern UNNAMED = Pattern.compile("%\\{([A-Za-z0-9_]+)}");

  /** Patterns that may span several words, tried first on the whole line. */
  private static final List<String> SPANNING =
      List.of("TIMESTAMP_ISO8601", "HTTPDATE", "SYSLOGTIMESTAMP", "QUOTEDSTRING");

  /** Patterns tried on each remaining word, the most specific first. */
  private static final List<String> WORDS =
      List.of(
          "URI",
          "EMAILADDRESS",
          "UUID",
          "MAC",
          "IP",
          "UNIXPATH",
          "LOGLEVEL",
          "NUMBER",
          "WORD",
          "NOTSPACE");

  static List<StellarFunction> all() {
    return List.of(eval(), predict());
  }

  private static Map<String, String> library() {
    try {
      return GrokLibrary.load(GrokLibrary.COMMON);
    } catch (GrokException e) {
      throw new StellarException("GROK: cannot load the grok patterns: " + e.getMessage());
    }
  }

  static StellarFunction eval() {
    return StellarFunction.of(
        FunctionDescriptor.builder("GROK_EVAL")
            .param("grokExpression", "String", "the grok expression, e.g. %{IP:ip} %{WORD}")
            .param("data", "String or List", "a line, or a list of lines, to match")
            .returns(
                "String: a table with a column per captured field (unnamed patterns by their"
                    + " name) and a row per line, MISSING where a line lacks the field; NO MATCH"
                    + " when no line matched; null for a null argument")
            .description("Applies a grok expression to sample lines and shows what it captures.")
            .example("'10.0.0.1' in GROK_EVAL('%{IP:ip} %{WORD:verb}', '10.0.0.1 GET')", "true")
            .example("GROK_EVAL('%{IP:ip}', 'no address')", "'NO MATCH'")
            .build(),
        (args, context) -> {
          Object expression = args.get(0);
          Object data = args.get(1);
          if (expression == null || data == null) {
            return null;
          }
          List<String> lines = new ArrayList<>();
          if (data instanceof Collection<?> c) {
            c.forEach(v -> lines.add(String.valueOf(v)));
          } else {
            lines.add(data.toString());
          }
          Grok grok;
          try {
            grok = Grok.compile(nameUnnamed(expression.toString()), library());
          } catch (GrokException e) {
            throw new StellarException("GROK_EVAL: " + e.getMessage());
          }
          List<Map<String, Object>> found = new ArrayList<>();
          TreeSet<String> fields = new TreeSet<>();
          for (String line : lines) {
            Message m = grok.find(line);
            Map<String, Object> values = m == null ? Map.of() : m.fields();
            fields.addAll(values.keySet());
            found.add(values);
          }
          if (fields.isEmpty()) {
            return "NO MATCH";
          }
          List<List<String>> rows = new ArrayList<>();
          for (Map<String, Object> values : found) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
              row.add(String.valueOf(values.getOrDefault(field, "MISSING")));
            }
            rows.add(row);
          }
          return TextTable.of(List.copyOf(fields), rows);
        });
  }

  /** Gives each top-level {@code %{NAME}} the field NAME, as Metron's grok library captured it. */
  static String nameUnnamed(String expression) {
    return UNNAMED.matcher(expression).replaceAll(m -> "%{" + m.group(1) + ":" + m.group(1) + "}");
  }

  static StellarFunction predict() {
    return StellarFunction.of(
        FunctionDescriptor.builder("GROK_PREDICT")
            .param("data", "String", "a sample line")
            .returns("String: a grok expression that matches the line; null for null")
            .description(
                "Guesses a grok expression for a line: timestamps, URIs, addresses, numbers and"
                    + " words become their patterns, the rest stays literal.")
            .example("GROK_PREDICT('10.0.0.1 GET 200')", "'%{IP} %{WORD} %{NUMBER}'")
            .build(),
        (args, context) -> {
          Object data = args.get(0);
          return data == null ? null : predict(data.toString(), library());
        });
  }

  /** One piece of the line: literal text, or a pattern that replaced some. */
  private record Piece(String text, String pattern) {}

  static String predict(String line, Map<String, String> library) {
    List<Piece> pieces = new ArrayList<>(List.of(new Piece(line, null)));
    for (String name : SPANNING) {
      pieces = replaceSpans(pieces, name, library);
    }
    List<Piece> words = new ArrayList<>();
    Pattern space = Pattern.compile("\\s+");
    for (Piece piece : pieces) {
      if (piece.pattern() != null) {
        words.add(piece);
        continue;
      }
      Matcher m = space.matcher(piece.text());
      int last = 0;
      while (m.find()) {
        word(piece.text().substring(last, m.start()), library, words);
        words.add(new Piece(m.group(), null));
        last = m.end();
      }
      word(piece.text().substring(last), library, words);
    }
    StringBuilder out = new StringBuilder();
    for (Piece piece : words) {
      out.append(piece.pattern() != null ? "%{" + piece.pattern() + "}" : literal(piece.text()));
    }
    return out.toString();
  }

  private static void word(String word, Map<String, String> library, List<Piece> out) {
    if (word.isEmpty()) {
      return;
    }
    for (String name : WORDS) {
      if (matcher(name, library).match(word) != null) {
        out.add(new Piece(word, name));
        return;
      }
    }
    out.add(new Piece(word, null));
  }

  /** Replaces the first bounded match of {@code name} in each literal piece. */
  private static List<Piece> replaceSpans(
      List<Piece> pieces, String name, Map<String, String> library) {
    Grok span = compile("%{DATA:before:string}%{" + name + ":match:string}", library);
    List<Piece> out = new ArrayList<>();
    for (Piece piece : pieces) {
      Message m = piece.pattern() == null ? span.find(piece.text()) : null;
      Object match = m == null ? null : m.get("match");
      if (match == null) {
        out.add(piece);
        continue;
      }
      String before = m.get("before") == null ? "" : m.get("before").toString();
      String text = piece.text();
      int end = before.length() + match.toString().length();
      boolean bounded =
          (before.isEmpty() || !Character.isLetterOrDigit(before.charAt(before.length() - 1)))
              && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
      if (!bounded) {
        out.add(piece);
        continue;
      }
      if (!before.isEmpty()) {
        out.add(new Piece(before, null));
      }
      out.add(new Piece(match.toString(), name));
      if (end < text.length()) {
        out.add(new Piece(text.substring(end), null));
      }
    }
    return out;
  }

  private static final Map<String, Grok> WORD_GROKS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Grok matcher(String name, Map<String, String> library) {
    return WORD_GROKS.computeIfAbsent(name, n -> compile("%{" + n + "}", library));
  }

  private static Grok compile(String expression, Map<String, String> library) {
    try {
      return Grok.compile(expression, library);
    } catch (GrokException e) {
      throw new StellarException("GROK_PREDICT: " + e.getMessage());
    }
  }

  /** Literal text as grok: regex metacharacters escaped, so the guess matches the line. */
  private static String literal(String text) {
    StringBuilder sb = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
