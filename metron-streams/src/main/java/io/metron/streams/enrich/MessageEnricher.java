package io.metron.streams.enrich;

import io.metron.core.message.Message;
import io.metron.pipeline.enrich.EnrichmentStage;
import java.util.List;

/**
 * Adds context to a message: enrichment, threat intel and triage. Returns the message and any error
 * messages its adapters produced (which go to the error topic while the message carries on).
 * Implementations are thread-safe; one that throws has the message turned into an error message.
 */
@FunctionalInterface
public interface MessageEnricher {
  EnrichmentStage.Outcome enrich(Message message) throws Exception;

  /** Passes messages through unchanged: what a deployment without enrichment configs does. */
  static MessageEnricher none() {
    return message -> new EnrichmentStage.Outcome(message, List.of());
  }
}
