package io.metron.streams.tables;

import io.metron.pipeline.enrich.EnrichmentLookup;
import java.io.IOException;

/** What {@link Tables} reads through: a {@link TableStore} opened for reading. */
interface TableReader extends EnrichmentLookup, AutoCloseable {
  /** Brings the reader up to date with the writer; whether anything changed. */
  boolean catchUp() throws IOException;

  @Override
  void close();
}
