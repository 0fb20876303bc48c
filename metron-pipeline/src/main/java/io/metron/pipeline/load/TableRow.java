package io.metron.pipeline.load;

import io.metron.pipeline.enrich.LookupKey;
import java.util.Map;

/**
 * One row of the enrichment tables: Metron's (type, indicator) key and its value map.
 *
 * @param key the enrichment type and indicator
 * @param value what {@code hbaseEnrichment} spreads into the message and {@code ENRICHMENT_GET}
 *     returns
 */
public record TableRow(LookupKey key, Map<String, Object> value) {}
