package io.metron.streams.profile;

import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.profile.ProfileMeasurement;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.Profiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The second half of the streaming profiler, Metron's {@code ProfileBuilderBolt}: applies each
 * routed message to its (profile, entity, period) state in the task's RocksDB store, and every
 * flush interval flushes the periods that have closed (end plus lag passed): into the local profile
 * store first, then to the {@code profiles} child and, for measurements with triage values, to the
 * {@code triage} child as Metron's profiler messages. A crash before the commit replays the flush;
 * the store keeps one measurement per key, so that is harmless.
 */
final class ProfileProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String STATE_STORE = "profiler-state";

  private final Function<KeyValueStore<String, byte[]>, Profiler> profilers;
  private final ProfileStore store;
  private final Duration flushInterval;
  private final String profilesChild;
  private final String triageChild;
  private Profiler profiler;
  private ProcessorContext<byte[], byte[]> context;

  ProfileProcessor(
      Function<KeyValueStore<String, byte[]>, Profiler> profilers,
      ProfileStore store,
      Duration flushInterval,
      String profilesChild,
      String triageChild) {
    this.profilers = profilers;
    this.store = store;
    this.flushInterval = flushInterval;
    this.profilesChild = profilesChild;
    this.triageChild = triageChild;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.profiler = profilers.apply(context.getStateStore(STATE_STORE));
    context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    long ts = ByteBuffer.wrap(record.value()).getLong();
    if (record.key().length == 0) {
      profiler.advance(ts); // a tick: the newest event time anywhere in the stream
      return;
    }
    String key = new String(record.key(), StandardCharsets.UTF_8);
    int split = key.indexOf('\u0000');
    try {
      profiler.apply(
          key.substring(0, split),
          key.substring(split + 1),
          MessageCodec.read(Arrays.copyOfRange(record.value(), Long.BYTES, record.value().length))
              .fields(),
          ts);
    } catch (MessageFormatException e) {
      // cannot happen: the route processor forwards only bytes it decoded
    }
  }

  private void flush() {
    List<ProfileMeasurement> measurements = profiler.flushClosed();
    if (measurements.isEmpty()) {
      return;
    }
    try {
      store.write(measurements);
    } catch (IOException e) {
      // Failing the task keeps the periods in the state store: they flush again after the retry.
      throw new UncheckedIOException("cannot write the profile store: " + e.getMessage(), e);
    }
    long now = context.currentSystemTimeMs();
    for (ProfileMeasurement m : measurements) {
      byte[] key = RouteProcessor.key(m.profile(), m.entity());
      context.forward(new Record<>(key, MeasurementJson.measurement(m), now), profilesChild);
      if (!m.triage().isEmpty()) {
        context.forward(new Record<>(key, MeasurementJson.triage(m, now), now), triageChild);
      }
    }
  }
}
