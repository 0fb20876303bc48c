package io.metron.streams.indexing;

import io.metron.core.message.Message;
import java.io.IOException;
import java.util.List;

/**
 * Where an {@link IndexingWriter} puts messages: the search store or the archive. {@link #commit()}
 * makes every write so far durable; the writer commits its Kafka offsets only after it returns.
 */
public interface BatchWriter {
  /** Writes one batch of one sensor's messages, applying that sensor's settings. */
  void write(SensorSettings settings, List<Message> messages) throws IOException;

  void commit() throws IOException;
}
