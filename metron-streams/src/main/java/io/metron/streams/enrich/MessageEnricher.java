package io.metron.streams.enrich;

import io.metron.core.message.Message;

/**
 * Adds context to a message: enrichment, threat intel and triage. Implementations are thread-safe
 * and may throw for a message they cannot handle; the processor turns that into an error message.
 */
@FunctionalInterface
public interface MessageEnricher {
  Message enrich(Message message) throws Exception;

  /** Passes messages through unchanged: what a deployment without enrichment configs does. */
  static MessageEnricher none() {
    return message -> message;
  }
}
