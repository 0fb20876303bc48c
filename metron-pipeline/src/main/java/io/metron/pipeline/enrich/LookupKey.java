package io.metron.pipeline.enrich;

import java.util.Objects;

/**
 * The key of an enrichment table row, as in Metron's HBase tables: an enrichment type such as
 * {@code malicious_ip} or {@code asset} and an indicator such as {@code 10.0.0.1}.
 */
public record LookupKey(String type, String indicator) {
  public LookupKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(indicator, "indicator");
  }
}
