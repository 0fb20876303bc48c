package io.metron.streams.enrich;

import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.streams.indexing.IndexingWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes each message from {@code enrichments} (what outside producers and parsers with an output
 * topic of their own write there), enriches it and forwards it to the {@code enriched} child; bytes
 * that are not a message, and messages the enricher fails on, become an {@code enrichments_error}
 * message forwarded to the {@code errors} child.
 */
public final class EnrichProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final Enrichment enrichment;
  private final String enrichedChild;
  private final String errorChild;
  private ProcessorContext<byte[], byte[]> context;

  public EnrichProcessor(Enrichment enrichment, String enrichedChild, String errorChild) {
    this.enrichment = enrichment;
    this.enrichedChild = enrichedChild;
    this.errorChild = errorChild;
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
      enrichment.forwardError(
          context,
          record,
          ErrorMessage.of(ErrorType.ENRICHMENT_ERROR).cause(e).raw(record.value()),
          origin,
          errorChild);
      return;
    }
    // Only the parse step vouches for a guid it derived; what arrives here may repeat one.
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.remove(IndexingWriter.DERIVED_GUID_HEADER);
    enrichment.forward(context, record, message, headers, origin, enrichedChild, errorChild);
  }
}
