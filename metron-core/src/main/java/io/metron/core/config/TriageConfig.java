package io.metron.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Threat triage: the rules that score a message and how their scores combine. */
public record TriageConfig(
    List<RiskLevelRule> riskLevelRules, String aggregator, Map<String, Object> aggregationConfig) {

  public static final Set<String> AGGREGATORS =
      Set.of("MAX", "MIN", "SUM", "MEAN", "POSITIVE_MEAN");
  private static final Set<String> KEYS =
      Set.of("riskLevelRules", "aggregator", "aggregationConfig");

  public static TriageConfig none() {
    return new TriageConfig(List.of(), "MAX", Map.of());
  }

  static TriageConfig read(ConfigNode node) {
    if (node == null || !node.requireObject("a triage config")) {
      return none();
    }
    node.checkKeys(KEYS, Set.of());
    String aggregator = node.string("aggregator");
    if (aggregator != null && !AGGREGATORS.contains(aggregator)) {
      node.problem(
          "aggregator",
          "unknown aggregator '" + aggregator + "'; known: MAX, MIN, SUM, MEAN, POSITIVE_MEAN");
    }
    List<RiskLevelRule> rules =
        node.elements("riskLevelRules").stream()
            .map(RiskLevelRule::read)
            .filter(Objects::nonNull)
            .toList();
    return new TriageConfig(
        rules, aggregator == null ? "MAX" : aggregator, node.map("aggregationConfig"));
  }
}
