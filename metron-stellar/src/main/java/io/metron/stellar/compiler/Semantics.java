package io.metron.stellar.compiler;

import io.metron.stellar.StellarException;
import java.util.Collection;
import java.util.Map;

/**
 * Metron's rules for operators, in one place so the evaluator, the folder and the functions agree.
 *
 * <ul>
 *   <li>Arithmetic promotes to the widest operand type: double, then float, then long, then int. A
 *       null operand counts as 0, as in Metron.
 *   <li>{@code ==} with a null side is reference equality; numbers compare after promotion;
 *       anything else uses {@code equals}.
 *   <li>{@code < <= > >=} are false when a side is null, compare numbers after promotion and other
 *       values only when both are the same {@link Comparable} class.
 *   <li>{@code and}, {@code or} and {@code not} convert their operands as Metron's converter does:
 *       booleans as they are, the strings and numbers "true/yes/y/on/1" as true, anything else
 *       (null, other strings, collections) as false.
 *   <li>Conditions of {@code if}, {@code ?:} and {@code match} must be booleans; null and empty
 *       collections count as false.
 * </ul>
 */
public final class Semantics {

  private Semantics() {}

  /** Operand conversion for {@code and}, {@code or} and {@code not}. */
  public static boolean logical(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String || value instanceof Number || value instanceof Character) {
      return toBooleanOrNull(value.toString()) == Boolean.TRUE;
    }
    return false;
  }

  /**
   * Metron's string-to-boolean conversion: "true", "yes", "y", "on", "1" are true; "false", "no",
   * "n", "off", "0" are false (case-insensitive); anything else is null.
   */
  public static Boolean toBooleanOrNull(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case "true", "yes", "y", "on", "1" -> Boolean.TRUE;
      case "false", "no", "n", "off", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** The truth of a condition in {@code if}, {@code ?:} or {@code match}. */
  public static boolean condition(Object value, String what) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value == null) {
      return false;
    }
    if (value instanceof Collection<?> c && c.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty()) {
      return false;
    }
    throw new StellarException(
        "the condition of " + what + " must be a boolean, but was " + describe(value));
  }

  /** {@code ==}. */
  public static boolean equal(Object l, Object r) {
    if (l == null || r == null) {
      return l == r;
    }
    if (l instanceof Number a && r instanceof Number b) {
      if (a instanceof Double || b instanceof Double) {
        return a.doubleValue() == b.doubleValue();
      }
      if (a instanceof Float || b instanceof Float) {
        return a.floatValue() == b.floatValue();
      }
      if (a instanceof Long || b instanceof Long) {
        return a.longValue() == b.longValue();
      }
      return a.intValue() == b.intValue();
    }
    return l.equals(r);
  }

  /** The ordering operators; {@code op} is one of {@code < <= > >=}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static boolean compare(Object l, Object r, String op) {
    if (l == null || r == null) {
      return false;
    }
    int c;
    if (l instanceof Number a && r instanceof Number b) {
      if (a instanceof Double || b instanceof Double) {
        return test(a.doubleValue(), b.doubleValue(), op);
      } else if (a instanceof Float || b instanceof Float) {
        return test(a.floatValue(), b.floatValue(), op);
      } else if (a instanceof Long || b instanceof Long) {
        c = Long.compare(a.longValue(), b.longValue());
      } else {
        c = Integer.compare(a.intValue(), b.intValue());
      }
    } else if (l.getClass() == r.getClass() && l instanceof Comparable cl) {
      c = cl.compareTo(r);
    } else {
      throw new StellarException(
          "cannot compare " + describe(l) + " " + op + " " + describe(r) + ": unsupported types");
    }
    return switch (op) {
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c >= 0;
    };
  }

  // Floating comparisons use the primitive operators so NaN compares false, as in Java and Metron.
  private static boolean test(double a, double b, String op) {
    return switch (op) {
      case "<" -> a < b;
      case "<=" -> a <= b;
      case ">" -> a > b;
      default -> a >= b;
    };
  }

  /** {@code needle in haystack}. */
  public static boolean in(Object needle, Object haystack) {
    if (haystack == null) {
      return false;
    }
    if (haystack instanceof String s && needle instanceof String n) {
      return s.contains(n);
    }
    if (haystack instanceof Collection<?> c) {
      return c.contains(needle);
    }
    if (haystack instanceof Map<?, ?> m) {
      return m.containsKey(needle);
    }
    return needle != null && needle.equals(haystack);
  }

  /** Arithmetic; {@code op} is one of {@code + - * /}. */
  public static Number arithmetic(char op, Object left, Object right) {
    Number l = operand(left, op);
    Number r = operand(right, op);
    if (l instanceof Double || r instanceof Double) {
      double a = l.doubleValue();
      double b = r.doubleValue();
      return switch (op) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> a / b;
      };
    }
    if (l instanceof Float || r instanceof Float) {
      float a = l.floatValue();
      float b = r.floatValue();
      return switch (op) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> a / b;
      };
    }
    if (l instanceof Long || r instanceof Long) {
      long a = l.longValue();
      long b = r.longValue();
      return switch (op) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> {
          if (b == 0) {
            throw new StellarException("division by zero");
          }
          yield a / b;
        }
      };
    }
    int a = l.intValue();
    int b = r.intValue();
    return switch (op) {
      case '+' -> a + b;
      case '-' -> a - b;
      case '*' -> a * b;
      default -> {
        if (b == 0) {
          throw new StellarException("division by zero");
        }
        yield a / b;
      }
    };
  }

  private static final Integer ZERO = 0;

  private static Number operand(Object value, char op) {
    if (value == null) {
      return ZERO;
    }
    if (value instanceof Number n) {
      return n;
    }
    throw new StellarException(
        "cannot apply '" + op + "' to " + describe(value) + ": arithmetic needs numbers");
  }

  /** A short description of a value for error messages: its type and (abbreviated) text. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    if (value instanceof String) {
      text = "'" + text + "'";
    }
    return value.getClass().getSimpleName() + " " + text;
  }
}
