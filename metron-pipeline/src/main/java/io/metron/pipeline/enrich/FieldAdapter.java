package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import java.util.Map;

/**
 * An adapter that enriches one field of a message at a time: {@code geo}, {@code host}, {@code
 * hbaseEnrichment} and {@code hbaseThreatIntel}. The stage writes what it returns under {@code
 * enrichments.<adapter>.<field>.} (or {@code threatintels.} in the threat intel phase).
 *
 * <p>Contract: thread-safe; never throws for bad data (a value it cannot use yields an empty map).
 * An exception means the adapter's store failed; the stage turns it into an error message and the
 * message goes on without this adapter's fields.
 */
interface FieldAdapter {

  /** The lower-case class name Metron used in its timing fields, e.g. {@code geoadapter}. */
  String timingName();

  /**
   * The keys and values to add for {@code value}, the non-null value of {@code field}.
   *
   * @param section the enrichment or threat intel section the adapter runs in
   */
  Map<String, Object> enrich(String field, Object value, EnrichmentConfig section);
}
