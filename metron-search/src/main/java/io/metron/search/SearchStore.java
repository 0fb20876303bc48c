package io.metron.search;

import io.metron.core.message.Message;
import java.io.IOException;
import java.util.List;

/**
 * Stores messages for search. Implementations are thread-safe.
 *
 * <p>Writes are idempotent by {@code guid}: writing a message whose guid is already stored replaces
 * it, so a replay after a crash leaves one document, not two. A message lands in the index named
 * {@code <source.type>_index_<yyyy.MM.dd>} of its own {@code timestamp} (UTC), so a replay goes to
 * the same index as the first write.
 */
public interface SearchStore extends AutoCloseable {

  /** Adds or replaces {@code messages}; each must carry {@code guid} and {@code source.type}. */
  void write(List<Message> messages) throws IOException;

  /**
   * Makes every write so far durable and visible to searches, including from other processes.
   * Callers commit their input positions only after this returns.
   */
  void commit() throws IOException;

  SearchResponse search(SearchRequest request) throws SearchException;

  @Override
  void close() throws IOException;
}
