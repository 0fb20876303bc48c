package io.metron.streams.parse;

import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.RawMessage;
import io.metron.streams.enrich.Enrichment;
import io.metron.streams.indexing.IndexingWriter;
import io.metron.streams.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a sensor's current parser on each record. A parsed message bound for the default {@code
 * enrichments} is enriched at once and forwarded to the {@code enriched} child (to {@code
 * indexing}): the message stays an object between parse and enrich, and is encoded once. A parsed
 * message with an output topic of its own (the parser's, or the one it was routed to) goes to the
 * {@code parsed} child as it did in Metron. Error messages go to the {@code errors} child, and
 * enrichment errors to the {@code enrichErrors} child. Filtered input produces nothing, as in
 * Metron.
 */
public final class ParseProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private static final byte[] DERIVED = {1};

  /** The header carrying a parsed message's routed topic to the sink. */
  static final String TOPIC_HEADER = "metron.output.topic";

  /**
   * The largest raw record parsed by default; bigger ones become errors (global {@value
   * #MAX_BYTES_KEY}).
   */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  /** The global config key that overrides {@link #DEFAULT_MAX_BYTES}. */
  public static final String MAX_BYTES_KEY = "parser.max.message.bytes";

  /** How much of an oversized record its error message keeps. */
  static final int KEPT_BYTES = 16 * 1024;

  private final Supplier<SensorParser> parser;
  private final String sensor;
  private final int maxBytes;
  private final Clock clock;
  private final String hostname;
  private final String parsedChild;
  private final String errorChild;
  private final Enrichment enrichment;
  private final String enrichedChild;
  private final String enrichErrorChild;
  private final LongAdder received;
  private final LongAdder parsedCount;
  private final LongAdder invalidCount;
  private final LongAdder failedCount;
  private final LongAdder filteredCount;
  private final AtomicLong lastRecord;
  private ProcessorContext<byte[], byte[]> context;

  /**
   * @param enrichment the enrichment of messages bound for {@code enrichments}, or null to write
   *     them there for the enrich sub-topology
   */
  public ParseProcessor(
      Supplier<SensorParser> parser,
      String parsedChild,
      String errorChild,
      Enrichment enrichment,
      String enrichedChild,
      String enrichErrorChild,
      String sensor,
      int maxBytes,
      Clock clock,
      String hostname,
      Metrics metrics) {
    this.parser = parser;
    this.sensor = sensor;
    this.maxBytes = maxBytes;
    this.clock = clock;
    this.hostname = hostname;
    this.parsedChild = parsedChild;
    this.errorChild = errorChild;
    this.enrichment = enrichment;
    this.enrichedChild = enrichedChild;
    this.enrichErrorChild = enrichErrorChild;
    String help = "Records a sensor's parser has handled, by outcome.";
    this.received =
        metrics.counter(
            "metron_parse_received_total",
            "Raw records read from a sensor topic.",
            "sensor",
            sensor);
    this.parsedCount =
        metrics.counter("metron_parse_total", help, "sensor", sensor, "outcome", "parsed");
    this.invalidCount =
        metrics.counter("metron_parse_total", help, "sensor", sensor, "outcome", "invalid");
    this.failedCount =
        metrics.counter("metron_parse_total", help, "sensor", sensor, "outcome", "error");
    this.filteredCount =
        metrics.counter("metron_parse_total", help, "sensor", sensor, "outcome", "filtered");
    this.lastRecord =
        metrics.latest(
            "metron_parse_last_record_millis",
            "When a sensor's parser last read a record (epoch milliseconds).",
            "sensor",
            sensor);
  }

  /** The sink's topic: the routed topic if the parser chose one, else {@code defaultTopic}. */
  public static TopicNameExtractor<byte[], byte[]> routedOr(String defaultTopic) {
    return (key, value, recordContext) -> {
      var header = recordContext.headers().lastHeader(TOPIC_HEADER);
      return header == null ? defaultTopic : new String(header.value(), StandardCharsets.UTF_8);
    };
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata where = context.recordMetadata().orElse(null);
    String topic = where == null ? null : where.topic();
    String origin =
        where == null ? null : where.topic() + "/" + where.partition() + "/" + where.offset();
    received.increment();
    lastRecord.accumulateAndGet(clock.millis(), Math::max);
    if (record.value() != null && record.value().length > maxBytes) {
      failedCount.increment();
      forwardError(record, oversized(record.value(), origin));
      return;
    }
    RawMessage raw = new RawMessage(record.value(), record.key(), topic, origin);
    for (ParseOutcome outcome : parser.get().parse(raw)) {
      switch (outcome) {
        case ParseOutcome.Parsed parsed -> {
          parsedCount.increment();
          forwardParsed(record, parsed, origin);
        }
        case ParseOutcome.Invalid invalid -> {
          invalidCount.increment();
          forwardError(record, invalid.error());
        }
        case ParseOutcome.Failed failed -> {
          failedCount.increment();
          forwardError(record, failed.error());
        }
        case ParseOutcome.Filtered filtered -> filteredCount.increment();
      }
    }
  }

  /**
   * Enriches a message bound for {@code enrichments} here, else forwards it, encoded, to its own
   * topic. Only a message whose guid the parser derived from this record's position is marked so
   * that the search index may add it without a replace.
   */
  private void forwardParsed(
      Record<byte[], byte[]> record, ParseOutcome.Parsed parsed, String origin) {
    if (enrichment != null && parsed.outputTopic() == null) {
      RecordHeaders headers = new RecordHeaders();
      if (parsed.derivedGuid()) {
        headers.add(IndexingWriter.DERIVED_GUID_HEADER, DERIVED);
      }
      enrichment.forward(
          context,
          new Record<byte[], byte[]>(null, null, record.timestamp()),
          parsed.message(),
          headers,
          origin,
          enrichedChild,
          enrichErrorChild);
      return;
    }
    RecordHeaders headers = new RecordHeaders();
    if (parsed.outputTopic() != null) {
      headers.add(TOPIC_HEADER, parsed.outputTopic().getBytes(StandardCharsets.UTF_8));
    }
    context.forward(
        new Record<byte[], byte[]>(
            null, MessageCodec.write(parsed.message()), record.timestamp(), headers),
        parsedChild);
  }

  /** The error for a record over the size limit: its first bytes, its size and the limit. */
  private Message oversized(byte[] value, String origin) {
    return ErrorMessage.of(ErrorType.PARSER_ERROR)
        .sensor(sensor)
        .message(
            "message of "
                + value.length
                + " bytes is over the limit of "
                + maxBytes
                + " ("
                + MAX_BYTES_KEY
                + "); its first "
                + KEPT_BYTES
                + " bytes are kept in raw_message")
        .raw(Arrays.copyOf(value, Math.min(value.length, KEPT_BYTES)))
        .guid(Guids.derived(origin, 0))
        .toMessage(clock.millis(), hostname)
        .put("raw_message_truncated", true)
        .put("raw_message_size", (long) value.length);
  }

  private void forwardError(Record<byte[], byte[]> record, Message error) {
    context.forward(
        new Record<byte[], byte[]>(
            null, MessageCodec.write(error), record.timestamp(), new RecordHeaders()),
        errorChild);
  }
}
