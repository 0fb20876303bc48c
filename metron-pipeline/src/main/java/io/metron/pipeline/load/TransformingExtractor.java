package io.metron.pipeline.load;

import io.metron.pipeline.enrich.LookupKey;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metron's Stellar transforms and filters around an extractor:
 *
 * <ul>
 *   <li>{@code value_transform}: a map of name to expression, each assigned into the row's value
 *       (null removes the name);
 *   <li>{@code indicator_transform}: the same for the variable {@code indicator}; a null indicator
 *       drops the row, and it must stay a string;
 *   <li>{@code indicator_filter} then {@code value_filter}: predicates a row must pass.
 * </ul>
 *
 * Expressions see the row's value first, then {@code indicator}, then the global config. An
 * expression that fails on a row makes that row bad, not the load. Immutable and thread-safe.
 */
public final class TransformingExtractor implements Extractor {
  private record Assignment(String name, CompiledExpression expression) {}

  private final Extractor inner;
  private final List<Assignment> valueTransforms;
  private final List<Assignment> indicatorTransforms;
  private final CompiledExpression indicatorFilter;
  private final CompiledExpression valueFilter;
  private final Map<String, Object> global;
  private final StellarContext context;

  private TransformingExtractor(
      Extractor inner,
      List<Assignment> valueTransforms,
      List<Assignment> indicatorTransforms,
      CompiledExpression indicatorFilter,
      CompiledExpression valueFilter,
      Map<String, Object> global) {
    this.inner = inner;
    this.valueTransforms = valueTransforms;
    this.indicatorTransforms = indicatorTransforms;
    this.indicatorFilter = indicatorFilter;
    this.valueFilter = valueFilter;
    this.global = global;
    this.context = StellarContext.builder().globalConfig(global).build();
  }

  /**
   * Wraps {@code inner} when {@code config} has transforms or filters; returns {@code inner}
   * otherwise.
   */
  public static Extractor wrap(
      Extractor inner,
      Map<String, Object> config,
      StellarCompiler compiler,
      Map<String, Object> global)
      throws LoadException {
    List<Assignment> values = assignments(config, "value_transform", compiler);
    List<Assignment> indicators = assignments(config, "indicator_transform", compiler);
    CompiledExpression indicatorFilter = filter(config, "indicator_filter", compiler);
    CompiledExpression valueFilter = filter(config, "value_filter", compiler);
    if (values.isEmpty()
        && indicators.isEmpty()
        && indicatorFilter == null
        && valueFilter == null) {
      return inner;
    }
    return new TransformingExtractor(
        inner, values, indicators, indicatorFilter, valueFilter, global);
  }

  private static List<Assignment> assignments(
      Map<String, Object> config, String key, StellarCompiler compiler) throws LoadException {
    Object spec = config.get(key);
    if (spec == null) {
      return List.of();
    }
    if (!(spec instanceof Map<?, ?> map)) {
      throw new LoadException("config." + key + ": expected a map of name to Stellar expression");
    }
    List<Assignment> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String at = "config." + key + "." + e.getKey();
      if (!(e.getValue() instanceof String source)) {
        throw new LoadException(at + ": expected a Stellar expression (a string)");
      }
      out.add(new Assignment(e.getKey().toString(), compile(source, at, compiler)));
    }
    return List.copyOf(out);
  }

  private static CompiledExpression filter(
      Map<String, Object> config, String key, StellarCompiler compiler) throws LoadException {
    Object spec = config.get(key);
    if (spec == null || spec.toString().isBlank()) {
      return null;
    }
    return compile(spec.toString(), "config." + key, compiler);
  }

  private static CompiledExpression compile(String source, String at, StellarCompiler compiler)
      throws LoadException {
    try {
      return compiler.compile(source);
    } catch (StellarException e) {
      throw new LoadException(
          at
              + ": "
              + e.getMessage()
              + (e.hasPosition() ? " (line " + e.line() + ", column " + e.column() + ")" : ""));
    }
  }

  @Override
  public List<TableRow> extract(String input) throws BadRowException {
    List<TableRow> rows = inner.extract(input);
    if (rows.isEmpty()) {
      return rows;
    }
    List<TableRow> out = new ArrayList<>(rows.size());
    for (TableRow row : rows) {
      TableRow kept = transform(row);
      if (kept != null) {
        out.add(kept);
      }
    }
    return out;
  }

  private TableRow transform(TableRow row) throws BadRowException {
    Map<String, Object> value = new LinkedHashMap<>(row.value());
    Map<String, Object> indicator = new LinkedHashMap<>();
    indicator.put("indicator", row.key().indicator());
    VariableResolver variables =
        name -> {
          Object v = value.get(name);
          if (v == null) {
            v = indicator.get(name);
          }
          return v != null ? v : global.get(name);
        };
    try {
      apply(valueTransforms, value, variables);
      apply(indicatorTransforms, indicator, variables);
      Object updated = indicator.get("indicator");
      if (updated == null) {
        return null;
      }
      if (!(updated instanceof String text)) {
        throw new BadRowException(
            "indicator_transform gave " + updated.getClass().getSimpleName() + ", not a string");
      }
      if (indicatorFilter != null && !indicatorFilter.evaluatePredicate(variables, context)) {
        return null;
      }
      if (valueFilter != null && !valueFilter.evaluatePredicate(variables, context)) {
        return null;
      }
      return new TableRow(new LookupKey(row.key().type(), text), value);
    } catch (StellarException e) {
      throw new BadRowException(e.getMessage());
    }
  }

  private void apply(List<Assignment> transforms, Map<String, Object> into, VariableResolver vars) {
    for (Assignment a : transforms) {
      Object result = a.expression().evaluate(vars, context);
      if (result == null) {
        into.remove(a.name());
      } else {
        into.put(a.name(), result);
      }
    }
  }
}
