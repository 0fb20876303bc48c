package io.metron.bench.profile;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ProfilerConfig;
import io.metron.pipeline.profile.ProfileErrors;
import io.metron.pipeline.profile.ProfileState;
import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.Profiler;
import io.metron.pipeline.profile.ValueCodec;
import io.metron.stellar.FunctionRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ten profiles of the kinds a deployment runs (counts, sums, a maximum, statistics sketches, a set
 * of ports, filtered counts; by source address, destination address and sensor), over event time
 * with one-minute periods, and the Bro-like events fed through them.
 */
final class ProfilerWorkload {
  private ProfilerWorkload() {}

  static final String PROFILES =
      """
      {"timestampField": "timestamp", "profiles": [
        {"profile": "conn_count", "foreach": "ip_src_addr", "init": {"n": "0"},
         "update": {"n": "n + 1"}, "result": {"profile": "n", "triage": {"connections": "n"}}},
        {"profile": "dst_count", "foreach": "ip_dst_addr", "init": {"n": "0"},
         "update": {"n": "n + 1"}, "result": "n"},
        {"profile": "bytes_sum", "foreach": "ip_src_addr", "onlyif": "exists(bytes)",
         "init": {"s": "0"}, "update": {"s": "s + bytes"}, "result": "s"},
        {"profile": "bytes_stats", "foreach": "ip_src_addr", "onlyif": "exists(bytes)",
         "init": {"s": "STATS_INIT()"}, "update": {"s": "STATS_ADD(s, bytes)"}, "result": "s"},
        {"profile": "ports", "foreach": "ip_src_addr",
         "init": {"s": "SET_INIT()"}, "update": {"s": "SET_ADD(s, ip_dst_port)"}, "result": "s"},
        {"profile": "tcp_count", "foreach": "ip_src_addr", "onlyif": "protocol == 'TCP'",
         "init": {"n": "0"}, "update": {"n": "n + 1"}, "result": "n"},
        {"profile": "web_bytes", "foreach": "ip_dst_addr",
         "onlyif": "ip_dst_port == 443 || ip_dst_port == 80",
         "init": {"s": "STATS_INIT()"}, "update": {"s": "STATS_ADD(s, bytes)"}, "result": "s"},
        {"profile": "sensor_count", "foreach": "source.type", "init": {"n": "0"},
         "update": {"n": "n + 1"}, "result": "n"},
        {"profile": "max_bytes", "foreach": "ip_src_addr", "init": {"m": "0"},
         "update": {"m": "bytes > m ? bytes : m"}, "result": "m"},
        {"profile": "udp_count", "foreach": "ip_dst_addr", "onlyif": "protocol == 'UDP'",
         "init": {"n": "0"}, "update": {"n": "n + 1"}, "result": "n"}
      ]}
      """;

  /** One-minute periods, a second of lag: periods close while the benchmark runs. */
  static final Map<String, Object> GLOBAL =
      Map.of(
          "profiler.period.duration",
          1,
          "profiler.period.duration.units",
          "MINUTES",
          "profiler.window.lag",
          1,
          "profiler.window.lag.units",
          "SECONDS");

  static Profiler profiler(ProfileStateStore states) {
    ProfilerConfig config;
    try {
      config = ProfilerConfig.parse("bench", PROFILES);
    } catch (ConfigException e) {
      throw new IllegalStateException("the benchmark's profiles do not parse", e);
    }
    return Profiler.of(
        config, FunctionRegistry.builtin(), GLOBAL, states, new ProfileErrors(), Clock.systemUTC());
  }

  /**
   * A Bro-like event: {@code ip_src_addr}, {@code ip_dst_addr}, {@code ip_dst_port}, {@code
   * protocol}, {@code bytes}, {@code source.type}, {@code timestamp} (set by the caller).
   */
  static Map<String, Object> event(String src, String dst, int port, long bytes, boolean tcp) {
    Map<String, Object> m = new HashMap<>();
    m.put("ip_src_addr", src);
    m.put("ip_dst_addr", dst);
    m.put("ip_dst_port", port);
    m.put("protocol", tcp ? "TCP" : "UDP");
    m.put("bytes", bytes);
    m.put("source.type", "bro");
    m.put("timestamp", 0L);
    m.put("original_string", "a bro conn record as it arrived on the wire");
    return m;
  }

  // HLLP is left out: serializing its sketch fails on JDK 25 (datasketches-memory 3.0.2 refuses
  // JDKs above 21), so the streaming profiler cannot keep an HLLP state yet.

  /** {@code count} events over 1000 sources and 250 destinations, varied ports and sizes. */
  static List<Map<String, Object>> events(int count) {
    java.util.Random r = new java.util.Random(42);
    int[] ports = {443, 80, 53, 22, 8080, 3389};
    List<Map<String, Object>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(
          event(
              "10.0." + (i % 1000 / 250) + "." + (i % 250),
              "192.168.1." + r.nextInt(250),
              ports[r.nextInt(ports.length)],
              r.nextInt(100_000),
              r.nextInt(10) < 8));
    }
    return out;
  }

  /**
   * State kept serialized, as the streaming profiler keeps it in its RocksDB store (each event
   * reads and writes its state's bytes), here in a map: the state round trip without RocksDB
   * itself.
   */
  static final class SerializedStates implements ProfileStateStore {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Key> keys = new HashMap<>();
    private long watermark;

    private static String name(Key key) {
      return key.profile() + '\u0000' + key.entity() + '\u0000' + key.period();
    }

    @Override
    public ProfileState get(Key key) {
      byte[] b = bytes.get(name(key));
      return b == null ? null : (ProfileState) ValueCodec.decode(b);
    }

    @Override
    public void put(Key key, ProfileState state) {
      String name = name(key);
      bytes.put(name, ValueCodec.encode(state));
      keys.putIfAbsent(name, key);
    }

    @Override
    public void remove(Key key) {
      String name = name(key);
      bytes.remove(name);
      keys.remove(name);
    }

    @Override
    public List<Key> keys() {
      return List.copyOf(keys.values());
    }

    @Override
    public long watermark() {
      return watermark;
    }

    @Override
    public void watermark(long millis) {
      watermark = millis;
    }

    /** The bytes a key-value store holds: every key's UTF-8 and its state's serialized form. */
    long storedBytes() {
      long total = 0;
      for (Map.Entry<String, byte[]> e : bytes.entrySet()) {
        total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
      }
      return total;
    }

    int size() {
      return bytes.size();
    }
  }
}
