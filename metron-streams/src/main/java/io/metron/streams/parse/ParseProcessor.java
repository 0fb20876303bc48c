package io.metron.streams.parse;

import io.metron.core.message.MessageCodec;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a sensor's current parser on each record and forwards each parsed message to the {@code
 * parsed} child (to the parser's output topic, or the topic the message was routed to) and each
 * error message to the {@code errors} child. Filtered input produces nothing, as in Metron.
 */
public final class ParseProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  /** The header carrying a parsed message's routed topic to the sink. */
  static final String TOPIC_HEADER = "metron.output.topic";

  private final Supplier<SensorParser> parser;
  private final String parsedChild;
  private final String errorChild;
  private ProcessorContext<byte[], byte[]> context;

  public ParseProcessor(Supplier<SensorParser> parser, String parsedChild, String errorChild) {
    this.parser = parser;
    this.parsedChild = parsedChild;
    this.errorChild = errorChild;
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
    RawMessage raw = new RawMessage(record.value(), record.key(), topic, origin);
    for (ParseOutcome outcome : parser.get().parse(raw)) {
      switch (outcome) {
        case ParseOutcome.Parsed parsed -> {
          RecordHeaders headers = new RecordHeaders();
          if (parsed.outputTopic() != null) {
            headers.add(TOPIC_HEADER, parsed.outputTopic().getBytes(StandardCharsets.UTF_8));
          }
          context.forward(
              new Record<byte[], byte[]>(
                  null, MessageCodec.write(parsed.message()), record.timestamp(), headers),
              parsedChild);
        }
        case ParseOutcome.Invalid invalid -> forwardError(record, invalid.error());
        case ParseOutcome.Failed failed -> forwardError(record, failed.error());
        case ParseOutcome.Filtered filtered -> {}
      }
    }
  }

  private void forwardError(Record<byte[], byte[]> record, io.metron.core.message.Message error) {
    context.forward(
        new Record<byte[], byte[]>(
            null, MessageCodec.write(error), record.timestamp(), new RecordHeaders()),
        errorChild);
  }
}
