package io.metron.stellar.functions;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small thread-safe cache for values that are costly to build per call and keyed by constant-ish
 * text: compiled regexes, parsed subnets, date formats. When full it is simply cleared, which keeps
 * it bounded without bookkeeping on the hot path.
 */
final class BoundedCache<K, V> {

  private final int capacity;
  private final Function<K, V> loader;
  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

  BoundedCache(int capacity, Function<K, V> loader) {
    this.capacity = capacity;
    this.loader = loader;
  }

  V get(K key) {
    V v = map.get(key);
    if (v != null) {
      return v;
    }
    v = loader.apply(key);
    if (map.size() >= capacity) {
      map.clear();
    }
    map.put(key, v);
    return v;
  }
}
