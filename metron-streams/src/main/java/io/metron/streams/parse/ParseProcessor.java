package io.metron.streams.parse;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a sensor's parser on each record and forwards each output to the {@code parsed} or the
 * {@code errors} child, by whether it is an error message.
 */
public final class ParseProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final SensorParser parser;
  private final String parsedChild;
  private final String errorChild;
  private ProcessorContext<byte[], byte[]> context;

  public ParseProcessor(SensorParser parser, String parsedChild, String errorChild) {
    this.parser = parser;
    this.parsedChild = parsedChild;
    this.errorChild = errorChild;
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
    List<Message> outputs = parser.parse(record.value(), record.key(), topic, origin);
    for (Message message : outputs) {
      boolean error = MessageFields.ERROR_SOURCE_TYPE.equals(message.sourceType());
      context.forward(
          record.withKey((byte[]) null).withValue(MessageCodec.write(message)),
          error ? errorChild : parsedChild);
    }
  }
}
