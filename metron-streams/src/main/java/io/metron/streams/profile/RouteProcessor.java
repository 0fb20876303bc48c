package io.metron.streams.profile;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.profile.MessageRouter;
import io.metron.pipeline.profile.Profiler;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first half of the streaming profiler, Metron's {@code ProfileSplitterBolt}: decodes each
 * message of {@code indexing}, skips error messages, takes its time and forwards one record per
 * (profile, entity) it feeds, keyed by the pair so one task owns each entity's state. The value is
 * the message's time (8 bytes) followed by the message.
 */
final class RouteProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  /** The key of a tick record; no route key is empty. */
  static final byte[] TICK = new byte[0];

  private final Supplier<Profiler> profilers;
  private final long tickEvery;
  private long lastTick = Long.MIN_VALUE;
  private final LongAdder skipped;
  private Profiler profiler;
  private ProcessorContext<byte[], byte[]> context;

  RouteProcessor(Supplier<Profiler> profilers, long tickEvery, LongAdder skipped) {
    this.profilers = profilers;
    this.tickEvery = tickEvery;
    this.skipped = skipped;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.profiler = profilers.get();
    // A task revived after an aborted transaction is initialised again: the ticks it sent since
    // its last commit were aborted with it, so the next record must tick again.
    this.lastTick = Long.MIN_VALUE;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Message message;
    try {
      message = MessageCodec.read(record.value());
    } catch (MessageFormatException e) {
      skipped.increment(); // not a message: the indexing writers report it, the profiler ignores it
      return;
    }
    if (MessageFields.ERROR_SOURCE_TYPE.equals(message.sourceType())) {
      return;
    }
    Long ts = profiler.timestampOf(message.fields());
    if (ts == null) {
      skipped.increment();
      return;
    }
    for (MessageRouter.Route route : profiler.route(message.fields())) {
      byte[] value =
          ByteBuffer.allocate(Long.BYTES + record.value().length)
              .putLong(ts)
              .put(record.value())
              .array();
      context.forward(
          new Record<>(key(route.profile().name(), route.entity()), value, record.timestamp()));
    }
    if (lastTick == Long.MIN_VALUE || ts >= lastTick + tickEvery) {
      lastTick = ts;
      context.forward(
          new Record<>(
              TICK, ByteBuffer.allocate(Long.BYTES).putLong(ts).array(), record.timestamp()));
    }
  }

  /** Sends ticks to every partition and routes by the default hash of the key. */
  static final class Partitioner implements StreamPartitioner<byte[], byte[]> {
    @Override
    public Optional<Set<Integer>> partitions(
        String topic, byte[] key, byte[] value, int numPartitions) {
      if (key.length == 0) {
        Set<Integer> all = new HashSet<>();
        for (int i = 0; i < numPartitions; i++) {
          all.add(i);
        }
        return Optional.of(all);
      }
      return Optional.empty();
    }
  }

  static byte[] key(String profile, String entity) {
    return KeyValueStateStore.utf8(profile + '\u0000' + entity);
  }
}
