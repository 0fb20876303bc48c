package io.metron.search.lucene;

/** How a field is indexed. */
public enum FieldType {
  /** Exact-match string: addresses, names, codes. The default for strings. */
  KEYWORD,
  /** Tokenised free text, for the raw event. */
  TEXT,
  /** Whole numbers (ports, byte counts, epoch milliseconds). */
  LONG,
  /** Decimal numbers (scores, durations). */
  DOUBLE,
  /** true/false, indexed as the keyword "true" or "false". */
  BOOLEAN
}
