package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * TO_INTEGER, TO_LONG, TO_FLOAT, TO_DOUBLE and IS_INTEGER. Conversions never fail: a value that
 * cannot be converted yields null, as Metron's converter does.
 */
final class ConversionFunctions {

  private ConversionFunctions() {}

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        conversion(
            "TO_INTEGER",
            "Integer",
            ConversionFunctions::toInteger,
            "TO_INTEGER('42')",
            "42",
            "TO_INTEGER(3.9)",
            "3"));
    f.add(
        conversion(
            "TO_LONG",
            "Long",
            ConversionFunctions::toLong,
            "TO_LONG('42')",
            "42L",
            "TO_LONG('1.5')",
            "null"));
    f.add(
        conversion(
            "TO_FLOAT",
            "Float",
            ConversionFunctions::toFloat,
            "TO_FLOAT('1.5')",
            "1.5f",
            "TO_FLOAT(2)",
            "2.0f"));
    f.add(
        conversion(
            "TO_DOUBLE",
            "Double",
            ConversionFunctions::toDouble,
            "TO_DOUBLE(2)",
            "2.0",
            "TO_DOUBLE(' 1e3 ')",
            "1000.0"));
    f.add(
        def(
            builder("IS_INTEGER")
                .param("x", "Object", "the value to test")
                .returns("Boolean")
                .description("Whether a value is an integer, or a string holding one.")
                .example("IS_INTEGER('12')", "true")
                .example("IS_INTEGER(1.5)", "false")
                .example("IS_INTEGER('abc')", "false"),
            (a, c) -> {
              Object v = a.get(0);
              if (v instanceof Integer
                  || v instanceof Long
                  || v instanceof Short
                  || v instanceof Byte) {
                return true;
              }
              if (v instanceof String s) {
                try {
                  Integer.parseInt(s.trim());
                  return true;
                } catch (NumberFormatException e) {
                  return false;
                }
              }
              return false;
            }));
    return f;
  }

  private static StellarFunction conversion(
      String name,
      String type,
      Function<Object, Object> convert,
      String example,
      String expected,
      String example2,
      String expected2) {
    return def(
        builder(name)
            .param("input", "Object", "a number, a numeric string or a boolean")
            .returns(type + ", or null when the input cannot be converted")
            .description(
                "Converts a value to "
                    + type
                    + " as Metron's converter does: numbers are narrowed (null when out of"
                    + " range), strings must hold a "
                    + type
                    + " literal, booleans become 1 or 0.")
            .example(example, expected)
            .example(example2, expected2)
            .example(name + "('not a number')", "null"),
        (a, c) -> a.get(0) == null ? null : convert.apply(a.get(0)));
  }

  // Strings are parsed with the target type's own parser, so "1.5" is not an Integer.
  private static Object parseOrNull(Object v, Function<String, Object> parser) {
    try {
      return parser.apply(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Object toInteger(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Number n) {
      long l = n.longValue();
      return l < Integer.MIN_VALUE || l > Integer.MAX_VALUE ? null : (int) l;
    }
    return parseOrNull(v, Integer::valueOf);
  }

  static Object toLong(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    return parseOrNull(v, Long::valueOf);
  }

  static Object toFloat(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1.0f : 0.0f;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE ? null : n.floatValue();
    }
    return parseOrNull(v, Float::valueOf);
  }

  static Object toDouble(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return parseOrNull(v, Double::valueOf);
  }

  /** A number from a number, a numeric string or a boolean (1 or 0); null otherwise. */
  static Number toNumber(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    String s = v.toString().trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException notLong) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException notDouble) {
        return null;
      }
    }
  }
}
