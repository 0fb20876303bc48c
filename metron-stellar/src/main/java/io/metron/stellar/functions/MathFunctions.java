package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.compiler.Semantics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Math functions. As in Metron, the one-argument functions return a Double (ROUND a Long) and give
 * NaN for a null input.
 */
final class MathFunctions {

  private MathFunctions() {}

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(unary("ABS", "absolute value", Math::abs, "ABS(-2)", "2.0"));
    f.add(unary("CEILING", "ceiling", Math::ceil, "CEILING(1.2)", "2.0"));
    f.add(unary("FLOOR", "floor", Math::floor, "FLOOR(1.8)", "1.0"));
    f.add(unary("COS", "cosine (radians)", Math::cos, "COS(0)", "1.0"));
    f.add(unary("SIN", "sine (radians)", Math::sin, "SIN(0)", "0.0"));
    f.add(unary("TAN", "tangent (radians)", Math::tan, "TAN(0)", "0.0"));
    f.add(unary("EXP", "e raised to the number", Math::exp, "EXP(0)", "1.0"));
    f.add(unary("LN", "natural logarithm", Math::log, "LN(1)", "0.0"));
    f.add(unary("LOG10", "base-10 logarithm", Math::log10, "LOG10(100)", "2.0"));
    f.add(unary("LOG2", "base-2 logarithm", d -> Math.log(d) / Math.log(2), "LOG2(8)", "3.0"));
    f.add(unary("SQRT", "square root", Math::sqrt, "SQRT(9)", "3.0"));
    f.add(
        def(
            builder("ROUND")
                .param("number", "Number", "the number")
                .returns("Long: the number rounded half-up; NaN stays NaN")
                .description("Rounds a number to the nearest integer, halves up.")
                .example("ROUND(2.5)", "3L")
                .example("ROUND(-2.5)", "-2L"),
            (a, c) -> {
              Number n = Args.number(a, 0, "ROUND");
              if (n == null || Double.isNaN(n.doubleValue())) {
                return Double.NaN;
              }
              return Math.round(n.doubleValue());
            }));
    f.add(
        def(
            builder("IS_NAN")
                .param("number", "Number", "the number")
                .returns("Boolean")
                .description("Whether a number is NaN (not a number).")
                .example("IS_NAN(NaN)", "true")
                .example("IS_NAN(1.0)", "false"),
            (a, c) -> {
              Object v = a.get(0);
              if (v != null && !(v instanceof Number)) {
                throw new StellarException(
                    "IS_NAN: an argument of type Number is required, was " + Semantics.describe(v));
              }
              return v instanceof Number n && Double.isNaN(n.doubleValue());
            }));
    f.add(extreme("MAX", true));
    f.add(extreme("MIN", false));
    f.add(
        def(
            builder("BIN")
                .param("value", "Number", "the value to bin")
                .param("bounds", "List", "the sorted upper bounds of the bins")
                .returns(
                    "Integer: the index of the first bound the value is at most; size of bounds"
                        + " when above all")
                .description("Finds the bin a value falls in, given sorted bin bounds.")
                .example("BIN(5, [1, 10, 100])", "1")
                .example("BIN(500, [1, 10, 100])", "3"),
            (a, c) -> {
              Number v = Args.number(a, 0, "BIN");
              List<Object> bounds = Args.list(a, 1, "BIN");
              if (v == null || bounds == null) {
                return null;
              }
              return bin(v.doubleValue(), bounds);
            }));
    return f;
  }

  static int bin(double v, List<?> bounds) {
    for (int i = 0; i < bounds.size(); i++) {
      Object b = bounds.get(i);
      if (b instanceof Number n && v <= n.doubleValue()) {
        return i;
      }
    }
    return bounds.size();
  }

  private static StellarFunction unary(
      String name, String what, DoubleUnaryOperator op, String example, String expected) {
    return def(
        builder(name)
            .param("number", "Number", "the number")
            .returns("Double: the " + what + "; NaN for null")
            .description("Returns the " + what + " of a number.")
            .example(example, expected),
        (a, c) -> {
          Number n = Args.number(a, 0, name);
          return n == null ? Double.NaN : op.applyAsDouble(n.doubleValue());
        });
  }

  private static StellarFunction extreme(String name, boolean max) {
    return def(
        builder(name)
            .param("stats", "Object", "a list of comparable values, or a STATS_* sketch")
            .returns(
                "The "
                    + (max ? "largest" : "smallest")
                    + " value; null for an empty list; an error for a missing one")
            .description(
                "The "
                    + (max ? "maximum" : "minimum")
                    + " of a list (nulls ignored) or of a sketch.")
            .example(name + "([3, 1.5, 7L])", max ? "7L" : "1.5")
            .example(name + "(['b', 'a'])", max ? "'b'" : "'a'"),
        (a, c) -> {
          Object v = a.get(0);
          if (v == null) {
            // Metron: a missing list is an error (so validation with null variables fails)
            throw new StellarException(
                name + " function requires at least a Stellar list of values");
          }
          if (v instanceof StatisticsSketch s) {
            return max ? s.max() : s.min();
          }
          if (!(v instanceof Collection<?> col)) {
            throw Args.wrongType(name, 0, "a list or a STATS sketch", v);
          }
          Object best = null;
          for (Object o : col) {
            if (o == null) {
              continue;
            }
            if (!(o instanceof Comparable)) {
              throw new StellarException(
                  "Noncomparable object type "
                      + o.getClass().getSimpleName()
                      + " submitted to "
                      + name);
            }
            if (best == null) {
              best = o;
            } else if (max ? Semantics.compare(o, best, ">") : Semantics.compare(o, best, "<")) {
              best = o;
            }
          }
          return best;
        });
  }
}
