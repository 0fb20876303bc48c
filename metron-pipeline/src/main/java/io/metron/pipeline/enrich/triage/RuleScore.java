package io.metron.pipeline.enrich.triage;

import io.metron.core.config.RiskLevelRule;

/**
 * A rule that matched a message, with the score it gave and the reason it stated (or null).
 *
 * @param rule the rule as configured
 * @param reason its {@code reason} expression's value
 * @param score its {@code score} expression's value
 */
public record RuleScore(RiskLevelRule rule, String reason, double score) {}
