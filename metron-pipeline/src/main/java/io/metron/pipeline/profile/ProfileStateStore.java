package io.metron.pipeline.profile;

import java.util.List;

/**
 * Where a {@link Profiler} keeps the state of the periods still open, and its clock's high-water
 * mark. In memory for the REPL and the backfill ({@link #inMemory()}); a changelogged Kafka Streams
 * store for the streaming profiler, so a restart resumes every open period exactly where the last
 * commit left it. Implementations need not be thread-safe: one profiler uses one store.
 */
public interface ProfileStateStore {

  /** Identifies one (profile, entity, period). */
  record Key(String profile, String entity, long period) {}

  /** The state of {@code key}, or null when the period has seen no message. */
  ProfileState get(Key key);

  /** Stores {@code state}; the state object may be reused by the caller afterwards. */
  void put(Key key, ProfileState state);

  void remove(Key key);

  /** Every key with state. */
  List<Key> keys();

  /** The newest time the profiler has seen (event or wall-clock time), 0 at first. */
  long watermark();

  void watermark(long millis);

  /** A store in a map, for a profiler that lives as long as its process. */
  static ProfileStateStore inMemory() {
    return new ProfileStateStore() {
      private final java.util.Map<Key, ProfileState> states = new java.util.LinkedHashMap<>();
      private long watermark;

      @Override
      public ProfileState get(Key key) {
        return states.get(key);
      }

      @Override
      public void put(Key key, ProfileState state) {
        states.put(key, state);
      }

      @Override
      public void remove(Key key) {
        states.remove(key);
      }

      @Override
      public List<Key> keys() {
        return List.copyOf(states.keySet());
      }

      @Override
      public long watermark() {
        return watermark;
      }

      @Override
      public void watermark(long millis) {
        watermark = millis;
      }
    };
  }
}
