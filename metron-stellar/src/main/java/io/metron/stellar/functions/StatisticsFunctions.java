package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** STATS_* (online statistics sketches) and IT_ENTROPY. */
final class StatisticsFunctions {

  private StatisticsFunctions() {}

  private static final String SKETCH = "a sketch from STATS_INIT";

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("STATS_INIT")
                .optional(
                    "window_size", "Integer", "keep only the last N values; 0 or absent keeps all")
                .returns("A statistics sketch")
                .description(
                    "Creates a sketch for online statistics (moments, extremes, percentiles).")
                .example("STATS_COUNT(STATS_INIT())", "0L")
                .nondeterministic(),
            (a, c) -> {
              Integer w = Args.integer(a, 0, "STATS_INIT");
              return new StatisticsSketch(w == null ? 0 : w);
            }));
    f.add(
        def(
            builder("STATS_ADD")
                .param("stats", "Sketch", "the sketch; null creates one")
                .variadic("value", "Number", "values or lists of values to add; nulls are skipped")
                .returns("The sketch, updated in place")
                .description("Adds values to a statistics sketch.")
                .example("STATS_COUNT(STATS_ADD(STATS_INIT(), 1, 2, [3, 4]))", "4L")
                .nondeterministic(),
            (a, c) -> {
              StatisticsSketch s = Args.object(a, 0, StatisticsSketch.class, "STATS_ADD", SKETCH);
              if (s == null) {
                s = new StatisticsSketch(0);
              }
              for (int i = 1; i < a.size(); i++) {
                addAll(s, a.get(i));
              }
              return s;
            }));
    f.add(
        def(
            builder("STATS_MERGE")
                .param("statistics", "List", "a list of sketches")
                .returns("A new sketch holding all of them")
                .description("Merges statistics sketches.")
                .example(
                    "STATS_SUM(STATS_MERGE([STATS_ADD(STATS_INIT(), 1), STATS_ADD(STATS_INIT(),"
                        + " 2)]))",
                    "3.0")
                .nondeterministic(),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "STATS_MERGE");
              List<StatisticsSketch> sketches = new ArrayList<>();
              if (list != null) {
                for (Object o : list) {
                  if (o instanceof StatisticsSketch s) {
                    sketches.add(s);
                  }
                }
              }
              return StatisticsSketch.merge(sketches);
            }));
    f.add(
        def(
            builder("STATS_COUNT")
                .param("stats", "Sketch", SKETCH)
                .returns("Long: the number of values; 0 for null")
                .description("The number of values in a sketch.")
                .example("STATS_COUNT(STATS_ADD(STATS_INIT(), 1, 2))", "2L"),
            (a, c) -> {
              StatisticsSketch s = Args.object(a, 0, StatisticsSketch.class, "STATS_COUNT", SKETCH);
              return s == null ? 0L : s.count();
            }));
    f.add(stat("STATS_SUM", "sum", StatisticsSketch::sum, "[1, 2, 3]", "6.0"));
    f.add(stat("STATS_MIN", "minimum", StatisticsSketch::min, "[1, 2, 3]", "1.0"));
    f.add(stat("STATS_MAX", "maximum", StatisticsSketch::max, "[1, 2, 3]", "3.0"));
    f.add(stat("STATS_MEAN", "mean", StatisticsSketch::mean, "[1, 2, 3]", "2.0"));
    f.add(
        stat(
            "STATS_VARIANCE",
            "sample variance",
            StatisticsSketch::variance,
            "[1, 2, 3, 4]",
            "1.6666666666666667"));
    f.add(
        stat(
            "STATS_POPULATION_VARIANCE",
            "population variance",
            StatisticsSketch::populationVariance,
            "[1, 2, 3, 4]",
            "1.25"));
    f.add(
        stat(
            "STATS_SD",
            "sample standard deviation",
            StatisticsSketch::standardDeviation,
            "[2, 4, 4, 4, 5, 5, 7, 9]",
            "2.138089935299395"));
    f.add(
        stat(
            "STATS_GEOMETRIC_MEAN",
            "geometric mean",
            StatisticsSketch::geometricMean,
            "[1, 4]",
            "2.0"));
    f.add(
        stat(
            "STATS_QUADRATIC_MEAN",
            "quadratic mean (root mean square)",
            StatisticsSketch::quadraticMean,
            "[3, 4, 5, 4, 3, 4, 5, 4]",
            "4.06201920231798"));
    f.add(
        stat(
            "STATS_SUM_LOGS",
            "sum of natural logarithms",
            StatisticsSketch::sumOfLogs,
            "[1, 1]",
            "0.0"));
    f.add(
        stat(
            "STATS_SUM_SQUARES",
            "sum of squares",
            StatisticsSketch::sumOfSquares,
            "[1, 2, 3]",
            "14.0"));
    f.add(
        stat("STATS_SKEWNESS", "sample skewness", StatisticsSketch::skewness, "[1, 2, 3]", "0.0"));
    f.add(
        stat(
            "STATS_KURTOSIS",
            "sample excess kurtosis",
            StatisticsSketch::kurtosis,
            "[1, 2, 3, 4]",
            "-1.200000000000001"));
    f.add(
        def(
            builder("STATS_PERCENTILE")
                .param("stats", "Sketch", SKETCH)
                .param("p", "Number", "the percentile, between 0 and 100")
                .returns("Double: the approximate percentile (t-digest); NaN when empty or null")
                .description("An approximate percentile of the values in a sketch.")
                .example("STATS_PERCENTILE(STATS_ADD(STATS_INIT(), [1, 2, 3, 4, 5]), 50)", "3.0"),
            (a, c) -> {
              StatisticsSketch s =
                  Args.object(a, 0, StatisticsSketch.class, "STATS_PERCENTILE", SKETCH);
              Number p = Args.number(a, 1, "STATS_PERCENTILE");
              return s == null || p == null ? Double.NaN : s.percentile(p.doubleValue());
            }));
    f.add(
        def(
            builder("STATS_BIN")
                .param("stats", "Sketch", SKETCH)
                .param("value", "Number", "the value to bin")
                .optional("bounds", "List", "percentiles bounding the bins; default [25, 50, 75]")
                .returns("Integer: the bin of the value among the sketch's percentile bounds")
                .description("Bins a value by the percentiles of the values in a sketch.")
                .example("STATS_BIN(STATS_ADD(STATS_INIT(), [1, 2, 3, 4, 5, 6, 7, 8]), 1)", "0")
                .example("STATS_BIN(STATS_ADD(STATS_INIT(), [1, 2, 3, 4, 5, 6, 7, 8]), 100)", "3"),
            (a, c) -> {
              StatisticsSketch s = Args.object(a, 0, StatisticsSketch.class, "STATS_BIN", SKETCH);
              Number v = Args.number(a, 1, "STATS_BIN");
              List<Object> bounds = Args.list(a, 2, "STATS_BIN");
              if (s == null || v == null) {
                return null;
              }
              List<Object> percentiles = bounds == null ? List.of(25, 50, 75) : bounds;
              List<Object> values = new ArrayList<>();
              for (Object p : percentiles) {
                values.add(s.percentile(((Number) p).doubleValue()));
              }
              return MathFunctions.bin(v.doubleValue(), values);
            }));
    f.add(
        def(
            builder("IT_ENTROPY")
                .param("input", "Map", "a multiset: value to count")
                .returns("Double: the base-2 Shannon entropy of the distribution")
                .description("Computes the entropy of a multiset (see MULTISET_INIT).")
                .example("IT_ENTROPY({'a': 1, 'b': 1})", "1.0")
                .example("IT_ENTROPY({})", "0.0"),
            (a, c) -> {
              Map<Object, Object> m = Args.map(a, 0, "IT_ENTROPY");
              if (m == null) {
                return 0.0;
              }
              double total = 0;
              for (Object v : m.values()) {
                total += v instanceof Number n ? n.doubleValue() : 0;
              }
              double h = 0;
              for (Object v : m.values()) {
                double p = (v instanceof Number n ? n.doubleValue() : 0) / total;
                if (p > 0) {
                  h -= p * Math.log(p) / Math.log(2);
                }
              }
              return h;
            }));
    return f;
  }

  static void addAll(StatisticsSketch s, Object v) {
    if (v instanceof Number n) {
      s.add(n.doubleValue());
    } else if (v instanceof Collection<?> col) {
      for (Object o : col) {
        addAll(s, o);
      }
    } else if (v != null) {
      Number n = ConversionFunctions.toNumber(v);
      if (n == null) {
        throw new io.metron.stellar.StellarException(
            "STATS_ADD: cannot add non-numeric value "
                + io.metron.stellar.compiler.Semantics.describe(v));
      }
      s.add(n.doubleValue());
    }
  }

  private static StellarFunction stat(
      String name,
      String what,
      ToDoubleFunction<StatisticsSketch> fn,
      String data,
      String expected) {
    return def(
        builder(name)
            .param("stats", "Sketch", SKETCH)
            .returns("Double: the " + what + "; NaN for null or (where undefined) too few values")
            .description("The " + what + " of the values in a statistics sketch.")
            .example(name + "(STATS_ADD(STATS_INIT(), " + data + "))", expected),
        (a, c) -> {
          StatisticsSketch s = Args.object(a, 0, StatisticsSketch.class, name, SKETCH);
          return s == null ? Double.NaN : fn.applyAsDouble(s);
        });
  }
}
