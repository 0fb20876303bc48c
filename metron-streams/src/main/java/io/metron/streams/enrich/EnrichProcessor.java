package io.metron.streams.enrich;

import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.enrich.EnrichmentStage;
import io.metron.streams.metrics.Metrics;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes each message from {@code enrichments}, enriches it and forwards it to the {@code
 * enriched} child; bytes that are not a message, and messages the enricher fails on, become an
 * {@code enrichments_error} message forwarded to the {@code errors} child.
 */
public final class EnrichProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final Supplier<MessageEnricher> enricher;
  private final String enrichedChild;
  private final String errorChild;
  private final Clock clock;
  private final String hostname;
  private final LongAdder enriched;
  private final LongAdder failed;
  private ProcessorContext<byte[], byte[]> context;

  /**
   * @param enricher gives the enricher to use for each message, so a config reload takes effect on
   *     the next message
   */
  public EnrichProcessor(
      Supplier<MessageEnricher> enricher,
      String enrichedChild,
      String errorChild,
      Clock clock,
      String hostname,
      Metrics metrics) {
    this.enricher = enricher;
    this.enrichedChild = enrichedChild;
    this.errorChild = errorChild;
    this.clock = clock;
    this.hostname = hostname;
    String help = "Messages through enrichment, threat intel and triage, by outcome.";
    this.enriched = metrics.counter("metron_enrich_total", help, "outcome", "enriched");
    this.failed = metrics.counter("metron_enrich_total", help, "outcome", "error");
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata where = context.recordMetadata().orElse(null);
    String origin =
        where == null ? null : where.topic() + "/" + where.partition() + "/" + where.offset();
    Message message;
    try {
      message = MessageCodec.read(record.value());
    } catch (MessageFormatException e) {
      forwardError(
          record, ErrorMessage.of(ErrorType.ENRICHMENT_ERROR).cause(e).raw(record.value()), origin);
      return;
    }
    try {
      EnrichmentStage.Outcome outcome = enricher.get().enrich(message);
      context.forward(record.withValue(MessageCodec.write(outcome.message())), enrichedChild);
      this.enriched.increment();
      for (Message error : outcome.errors()) {
        failed.increment();
        context.forward(record.withValue(MessageCodec.write(error)), errorChild);
      }
    } catch (Exception e) {
      forwardError(
          record,
          ErrorMessage.of(ErrorType.ENRICHMENT_ERROR)
              .sensor(message.sourceType())
              .cause(e)
              .raw(message),
          origin);
    }
  }

  private void forwardError(Record<byte[], byte[]> record, ErrorMessage error, String origin) {
    failed.increment();
    Message out = error.guid(Guids.derived(origin, 0)).toMessage(clock.millis(), hostname);
    context.forward(record.withValue(MessageCodec.write(out)), errorChild);
  }
}
