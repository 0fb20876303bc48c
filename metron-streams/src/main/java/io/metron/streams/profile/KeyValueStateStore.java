package io.metron.streams.profile;

import io.metron.pipeline.profile.ProfileState;
import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.ValueCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A profiler's state in a Kafka Streams key-value store: one entry per open (profile, entity,
 * period), keyed {@code profile NUL entity NUL period}, holding the serialized {@link
 * ProfileState}; plus one entry for the watermark. Every change goes to the store's changelog in
 * the same transaction as the input offsets, so a crash resumes exactly at the last commit.
 */
final class KeyValueStateStore implements ProfileStateStore {
  private static final String WATERMARK = "\u0000watermark";

  private final KeyValueStore<String, byte[]> store;

  KeyValueStateStore(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  private static String encode(Key key) {
    return key.profile() + '\u0000' + key.entity() + '\u0000' + key.period();
  }

  private static Key decode(String key) {
    int a = key.indexOf('\u0000');
    int b = key.lastIndexOf('\u0000');
    return new Key(
        key.substring(0, a), key.substring(a + 1, b), Long.parseLong(key.substring(b + 1)));
  }

  @Override
  public ProfileState get(Key key) {
    byte[] bytes = store.get(encode(key));
    return bytes == null ? null : (ProfileState) ValueCodec.decode(bytes);
  }

  @Override
  public void put(Key key, ProfileState state) {
    store.put(encode(key), ValueCodec.encode(state));
  }

  @Override
  public void remove(Key key) {
    store.delete(encode(key));
  }

  @Override
  public List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> kv = all.next();
        if (!kv.key.equals(WATERMARK)) {
          keys.add(decode(kv.key));
        }
      }
    }
    return keys;
  }

  @Override
  public long watermark() {
    byte[] bytes = store.get(WATERMARK);
    return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
  }

  @Override
  public void watermark(long millis) {
    store.put(WATERMARK, ByteBuffer.allocate(Long.BYTES).putLong(millis).array());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
