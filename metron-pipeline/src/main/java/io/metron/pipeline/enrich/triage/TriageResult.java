package io.metron.pipeline.enrich.triage;

import java.util.List;

/**
 * The outcome of triaging one message.
 *
 * @param score the aggregate of the matched rules' scores
 * @param rules the rules that matched, in config order
 * @param errors one line per rule that failed to evaluate (the rule is then treated as not
 *     matched); each names the rule and the error
 */
public record TriageResult(double score, List<RuleScore> rules, List<String> errors) {}
