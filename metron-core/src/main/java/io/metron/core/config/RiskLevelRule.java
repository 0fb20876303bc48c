package io.metron.core.config;

import java.util.Set;

/**
 * A triage rule: when {@code rule} (a Stellar predicate) holds, the message scores {@code score} (a
 * number or a Stellar expression, kept as its source text) for the stated {@code reason}.
 */
public record RiskLevelRule(String name, String comment, String rule, String score, String reason) {
  private static final Set<String> KEYS = Set.of("name", "comment", "rule", "score", "reason");

  static RiskLevelRule read(ConfigNode node) {
    if (!node.requireObject("a risk level rule")) {
      return null;
    }
    node.checkKeys(KEYS, Set.of());
    String score = null;
    if (!node.has("score")) {
      node.problem("score", "is required");
    } else if (node.json().get("score").isNumber() || node.json().get("score").isTextual()) {
      score = node.json().get("score").asText();
    } else {
      node.problem("score", "expected a number or a Stellar expression");
    }
    return new RiskLevelRule(
        node.string("name"),
        node.string("comment"),
        node.requiredString("rule"),
        score,
        node.string("reason"));
  }
}
