package io.metron.streams.enrich;

import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.EnrichmentStage;
import io.metron.streams.metrics.Metrics;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Enriches a message already in hand and forwards the outcome: the enriched message, encoded once,
 * to one child, and each error message to another. Used by the enrich sub-topology for messages
 * read from {@code enrichments}, and by each sensor's parse step for the messages it parses (so a
 * parsed message goes to {@code indexing} without a round trip through {@code enrichments}).
 */
public final class Enrichment {
  private final Supplier<MessageEnricher> enricher;
  private final Clock clock;
  private final String hostname;
  private final LongAdder enriched;
  private final LongAdder failed;

  /**
   * @param enricher gives the enricher to use for each message, so a config reload takes effect on
   *     the next message
   */
  public Enrichment(
      Supplier<MessageEnricher> enricher, Clock clock, String hostname, Metrics metrics) {
    this.enricher = enricher;
    this.clock = clock;
    this.hostname = hostname;
    String help = "Messages through enrichment, threat intel and triage, by outcome.";
    this.enriched = metrics.counter("metron_enrich_total", help, "outcome", "enriched");
    this.failed = metrics.counter("metron_enrich_total", help, "outcome", "error");
  }

  /**
   * Enriches {@code message} and forwards it as {@code record}'s value with {@code headers}; errors
   * go to {@code errorChild} with no headers.
   *
   * @param origin the input's position, for the guid of an error message
   */
  public void forward(
      ProcessorContext<byte[], byte[]> context,
      Record<byte[], byte[]> record,
      Message message,
      Headers headers,
      String origin,
      String enrichedChild,
      String errorChild) {
    try {
      EnrichmentStage.Outcome outcome = enricher.get().enrich(message);
      context.forward(
          record.withValue(MessageCodec.write(outcome.message())).withHeaders(headers),
          enrichedChild);
      enriched.increment();
      for (Message error : outcome.errors()) {
        failed.increment();
        context.forward(error(record, MessageCodec.write(error)), errorChild);
      }
    } catch (Exception e) {
      forwardError(
          context,
          record,
          ErrorMessage.of(ErrorType.ENRICHMENT_ERROR)
              .sensor(message.sourceType())
              .cause(e)
              .raw(message),
          origin,
          errorChild);
    }
  }

  /** Forwards an enrichment error built from {@code error}, its guid derived from the origin. */
  public void forwardError(
      ProcessorContext<byte[], byte[]> context,
      Record<byte[], byte[]> record,
      ErrorMessage error,
      String origin,
      String errorChild) {
    failed.increment();
    Message out = error.guid(Guids.derived(origin, 0)).toMessage(clock.millis(), hostname);
    context.forward(error(record, MessageCodec.write(out)), errorChild);
  }

  private static Record<byte[], byte[]> error(Record<byte[], byte[]> record, byte[] value) {
    return record.withValue(value).withHeaders(new RecordHeaders());
  }
}
