/**
 * The enrichment stage: Metron's enrichment, threat intel and triage on parsed messages.
 *
 * <p>{@link io.metron.pipeline.enrich.EnrichmentStage} is the stage (built from {@code Configs},
 * {@link io.metron.pipeline.enrich.EnrichmentResources} and a clock; one method, {@code apply}).
 * Each section of a sensor's enrichment config compiles to an {@code EnrichmentPhase} running the
 * field adapters ({@code geo}, {@code host}, {@code hbaseEnrichment}, {@code hbaseThreatIntel}) and
 * the {@code stellar} groups; {@code triage} scores alerts. Tables are read through {@link
 * io.metron.pipeline.enrich.EnrichmentLookup}, so the stage never sees the store; {@link
 * io.metron.pipeline.enrich.EnrichmentConfigCheck} validates configs at load.
 */
package io.metron.pipeline.enrich;
