/**
 * The enrichment sub-topology's processor: messages from {@code enrichments} through enrichment,
 * threat intel and triage to {@code indexing}; anything that fails becomes an error message.
 */
package io.metron.streams.enrich;
