package io.metron.stellar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded property test of parse + compile + evaluate: for thousands of generated expressions
 * (well formed ones from a small grammar, token soup, and mutations of both), nothing but {@link
 * StellarException} may escape, and evaluating twice gives the same outcome.
 */
class RandomExpressionPropertyTest {

  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());

  private static final String[] FUNCTIONS = {
    "TO_UPPER", "TRIM", "LENGTH", "SPLIT", "JOIN", "MAP_GET", "IN_SUBNET", "DOMAIN_REMOVE_TLD",
    "REGEXP_MATCH", "TO_INTEGER", "ABS", "ROUND", "IS_EMPTY", "GET_FIRST", "STATS_ADD", "MAP",
    "FILTER", "SUBSTRING", "HASH", "ENCODE", "DECODE", "TO_JSON_OBJECT", "BLOOM_EXISTS", "MAX",
    "DATE_FORMAT", "SET_INIT", "FORMAT", "URL_TO_HOST", "GEOHASH_DIST", "STRING_ENTROPY"
  };
  private static final String[] TOKENS = {
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "?",
    "->",
    "=>",
    "+",
    "-",
    "*",
    "/",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "and",
    "or",
    "not",
    "in",
    "not in",
    "if",
    "then",
    "else",
    "match",
    "default",
    "exists",
    "true",
    "false",
    "null",
    "NaN",
    "1",
    "0",
    "-1",
    "2147483648",
    "1L",
    "1.5",
    "1e309",
    ".5f",
    "'s'",
    "\"d\"",
    "'\\n'",
    "x",
    "y",
    "s",
    "l",
    "m",
    "_",
    "a.b",
    "c:d",
    "TO_UPPER",
    "MAP",
    "LENGTH",
    "//c\n",
    " "
  };

  @Test
  void onlyStellarExceptionsEscape() {
    Random random = new Random(20240611L);
    int compiled = 0;
    int evaluated = 0;
    for (int i = 0; i < 6000; i++) {
      String expr =
          switch (i % 3) {
            case 0 -> expression(random, 0);
            case 1 -> soup(random);
            default -> mutate(random, expression(random, 0));
          };
      CompiledExpression e;
      try {
        e = COMPILER.compile(expr);
        compiled++;
      } catch (StellarException expected) {
        continue;
      } catch (Throwable t) {
        throw new AssertionError("compiling [" + expr + "] threw " + t, t);
      }
      String first = outcome(e, expr);
      String second = outcome(e, expr);
      assertThat(second).as(expr).isEqualTo(first);
      if (!first.startsWith("error")) {
        evaluated++;
      }
    }
    assertThat(compiled).isGreaterThan(700);
    assertThat(evaluated).as("evaluated of " + compiled).isGreaterThan(300);
  }

  private static String outcome(CompiledExpression e, String expr) {
    try {
      Object v = e.evaluate(VariableResolver.of(variables()), StellarContext.empty());
      // sketches and lambdas print their identity; compare only their kind
      return v == null ? "null" : v.getClass().getSimpleName() + ":" + stable(v);
    } catch (StellarException expected) {
      return "error";
    } catch (Throwable t) {
      throw new AssertionError("evaluating [" + expr + "] threw " + t, t);
    }
  }

  private static String stable(Object v) {
    String s = String.valueOf(v);
    return s.contains("@") || s.startsWith("lambda") || s.contains("{count=") ? "" : s;
  }

  private static Map<String, Object> variables() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("x", 7);
    vars.put("y", 2.5);
    vars.put("s", "www.example.com");
    vars.put("l", List.of(1, "two", 3.0));
    vars.put("m", Map.of("k", "v"));
    vars.put("a.b", true);
    return vars;
  }

  private static String expression(Random r, int depth) {
    if (depth > 5) {
      return atom(r);
    }
    return switch (r.nextInt(14)) {
      case 0, 1 -> atom(r);
      case 2 ->
          expression(r, depth + 1)
              + " "
              + pick(r, "+", "-", "*", "/")
              + " "
              + expression(r, depth + 1);
      case 3 ->
          expression(r, depth + 1)
              + " "
              + pick(r, "==", "!=", "<", "<=", ">", ">=")
              + " "
              + expression(r, depth + 1);
      case 4 ->
          expression(r, depth + 1)
              + " "
              + pick(r, "and", "or", "&&", "||")
              + " "
              + expression(r, depth + 1);
      case 5 ->
          expression(r, depth + 1) + " " + pick(r, "in", "not in") + " " + expression(r, depth + 1);
      case 6 ->
          "if "
              + expression(r, depth + 1)
              + " then "
              + expression(r, depth + 1)
              + " else "
              + expression(r, depth + 1);
      case 7 ->
          expression(r, depth + 1)
              + " ? "
              + expression(r, depth + 1)
              + " : "
              + expression(r, depth + 1);
      case 8 -> "[" + args(r, depth) + "]";
      case 9 -> "{" + atom(r) + " : " + expression(r, depth + 1) + "}";
      case 10 ->
          "match{ "
              + expression(r, depth + 1)
              + " => "
              + expression(r, depth + 1)
              + ", default => "
              + atom(r)
              + " }";
      case 11 -> "not(" + expression(r, depth + 1) + ")";
      case 12 -> pick(r, "x -> ", "(a, b) -> ", "() -> ") + expression(r, depth + 1);
      default -> pick(r, FUNCTIONS) + "(" + args(r, depth) + ")";
    };
  }

  private static String args(Random r, int depth) {
    int n = r.nextInt(4);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(expression(r, depth + 1));
    }
    return String.join(", ", parts);
  }

  private static String atom(Random r) {
    return pick(
        r,
        "1",
        "0",
        "-3",
        "2L",
        "1.5",
        "2.5f",
        "NaN",
        "'a'",
        "\"10.0.0.1\"",
        "'10.0.0.0/8'",
        "true",
        "false",
        "null",
        "x",
        "y",
        "s",
        "l",
        "m",
        "a.b",
        "missing",
        "exists(x)",
        "[]",
        "{}",
        "'\\\\d+'",
        "'MD5'",
        "'BASE64'");
  }

  private static String soup(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(pick(r, TOKENS)).append(r.nextBoolean() ? " " : "");
    }
    return sb.toString();
  }

  private static String mutate(Random r, String s) {
    if (s.isEmpty()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits && !sb.isEmpty(); i++) {
      int at = r.nextInt(sb.length());
      switch (r.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, pick(r, TOKENS));
        default -> sb.setCharAt(at, (char) (32 + r.nextInt(95)));
      }
    }
    return sb.toString();
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }
}
