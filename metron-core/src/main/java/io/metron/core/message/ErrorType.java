package io.metron.core.message;

/** The {@code error_type} values Metron wrote, one per stage that can fail. */
public enum ErrorType {
  PARSER_ERROR("parser_error"),
  PARSER_INVALID("parser_invalid"),
  ENRICHMENT_ERROR("enrichments_error"),
  THREAT_INTEL_ERROR("threatintel_error"),
  INDEXING_ERROR("indexing_error"),
  DEFAULT("error");

  private final String value;

  ErrorType(String value) {
    this.value = value;
  }

  /** The string written to {@code error_type}. */
  public String value() {
    return value;
  }
}
