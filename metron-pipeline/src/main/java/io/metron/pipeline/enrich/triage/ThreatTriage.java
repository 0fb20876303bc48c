package io.metron.pipeline.enrich.triage;

import io.metron.core.config.RiskLevelRule;
import io.metron.core.config.TriageConfig;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A sensor's threat triage, compiled once: for each {@code riskLevelRule} whose {@code rule} holds,
 * evaluate its {@code score} and {@code reason}, then combine the scores with the {@link
 * Aggregator}. Immutable and thread-safe; {@link #score} never throws.
 *
 * <p>Where Metron failed the whole message when a rule could not be evaluated (a rule that is not
 * boolean, a failing function, a score that is not a number), this reports the rule in {@link
 * TriageResult#errors()} and carries on without it, so the event is still indexed.
 */
public final class ThreatTriage {
  private record Compiled(
      RiskLevelRule rule,
      CompiledExpression when,
      CompiledExpression score,
      CompiledExpression reason) {}

  private final List<Compiled> rules;
  private final Aggregator aggregator;
  private final Map<String, Object> aggregationConfig;

  private ThreatTriage(List<Compiled> rules, Aggregator aggregator, Map<String, Object> config) {
    this.rules = List.copyOf(rules);
    this.aggregator = aggregator;
    this.aggregationConfig = Map.copyOf(config);
  }

  /**
   * Compiles {@code config}. Each problem is reported to {@code problems} as (JSON path relative to
   * the triage config, message), and the rule it concerns is left out.
   */
  public static ThreatTriage compile(
      TriageConfig config, StellarCompiler compiler, BiConsumer<String, String> problems) {
    List<Compiled> compiled = new ArrayList<>();
    List<RiskLevelRule> configured = config.riskLevelRules();
    for (int i = 0; i < configured.size(); i++) {
      RiskLevelRule rule = configured.get(i);
      String at = "riskLevelRules[" + i + "]";
      CompiledExpression when = compile(rule.rule(), at + ".rule", compiler, problems);
      CompiledExpression score = compile(rule.score(), at + ".score", compiler, problems);
      CompiledExpression reason =
          rule.reason() == null ? null : compile(rule.reason(), at + ".reason", compiler, problems);
      if (when != null && score != null && (reason != null || rule.reason() == null)) {
        compiled.add(new Compiled(rule, when, score, reason));
      }
    }
    Aggregator aggregator;
    try {
      aggregator = Aggregator.of(config.aggregator());
    } catch (IllegalArgumentException e) {
      problems.accept("aggregator", "unknown aggregator '" + config.aggregator() + "'");
      aggregator = Aggregator.MAX;
    }
    return new ThreatTriage(compiled, aggregator, config.aggregationConfig());
  }

  private static CompiledExpression compile(
      String source, String path, StellarCompiler compiler, BiConsumer<String, String> problems) {
    if (source == null) {
      return null; // a missing rule or score is reported by the config reader
    }
    try {
      return compiler.compile(source);
    } catch (StellarException e) {
      problems.accept(
          path,
          e.hasPosition()
              ? e.getMessage() + " (line " + e.line() + ", column " + e.column() + ")"
              : e.getMessage());
    } catch (RuntimeException e) {
      problems.accept(path, "cannot compile '" + source + "': " + e);
    }
    return null;
  }

  /** The number of rules compiled. */
  public int size() {
    return rules.size();
  }

  /** Scores a message seen through {@code variables}. */
  public TriageResult score(VariableResolver variables, StellarContext context) {
    List<RuleScore> matched = new ArrayList<>(2);
    List<String> errors = List.of();
    for (Compiled rule : rules) {
      try {
        if (!rule.when().evaluatePredicate(variables, context)) {
          continue;
        }
        Object value = rule.score().evaluate(variables, context);
        Double score = number(value);
        if (score == null) {
          throw new StellarException(
              "score '" + rule.rule().score() + "' gave " + describe(value) + ", not a number");
        }
        String reason = null;
        if (rule.reason() != null) {
          Object why = rule.reason().evaluate(variables, context);
          reason = why == null ? null : why.toString();
        }
        matched.add(new RuleScore(rule.rule(), reason, score));
      } catch (RuntimeException e) {
        if (errors.isEmpty()) {
          errors = new ArrayList<>(1);
        }
        errors.add(
            "triage rule "
                + (rule.rule().name() == null
                    ? "'" + rule.rule().rule() + "'"
                    : "'" + rule.rule().name() + "'")
                + " failed: "
                + e.getMessage());
      }
    }
    List<Double> scores = new ArrayList<>(matched.size());
    for (RuleScore r : matched) {
      scores.add(r.score());
    }
    return new TriageResult(aggregator.aggregate(scores, aggregationConfig), matched, errors);
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String describe(Object value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
