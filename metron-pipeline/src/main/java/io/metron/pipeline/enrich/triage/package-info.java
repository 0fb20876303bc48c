/**
 * Threat triage: {@link io.metron.pipeline.enrich.triage.ThreatTriage} compiles a sensor's {@code
 * riskLevelRules} and scores a message; {@link io.metron.pipeline.enrich.triage.Aggregator}
 * combines rule scores as Metron's MAX, MIN, SUM, MEAN and POSITIVE_MEAN did.
 */
package io.metron.pipeline.enrich.triage;
