package io.metron.bench.enrich;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.pipeline.enrich.EnrichmentConfigCheck;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.enrich.EnrichmentStage;
import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.enrich.geo.GeoProvider;
import io.metron.pipeline.enrich.geo.MmdbWriter;
import io.metron.pipeline.load.TableRow;
import io.metron.streams.tables.TableStore;
import io.metron.streams.tables.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The enrichment stage on a parsed Bro message: geo on both address fields, two table lookups (an
 * {@code hbaseEnrichment} asset lookup and an {@code hbaseThreatIntel} check, against the real
 * RocksDB tables through their cache), one Stellar enrichment and five triage rules. The messages
 * cycle through 4,096 address pairs, a quarter of them threat-intel hits and so triaged. Target: at
 * least 200k messages/s per core.
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar EnrichmentBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnrichmentBenchmark {
  static final String CONFIG =
      """
      {"enrichment": {"fieldMap": {"geo": ["ip_dst_addr", "ip_src_addr"],
                                   "hbaseEnrichment": ["ip_src_addr"],
                                   "stellar": {"config": {"is_internal": "IN_SUBNET(ip_src_addr, '10.0.0.0/8')"}}},
                      "fieldToTypeMap": {"ip_src_addr": ["asset"]}},
       "threatIntel": {"fieldMap": {"hbaseThreatIntel": ["ip_dst_addr"]},
                       "fieldToTypeMap": {"ip_dst_addr": ["malicious_ip"]},
                       "triageConfig": {"aggregator": "MAX", "riskLevelRules": [
         {"name": "intel", "rule": "exists(threatintels.hbaseThreatIntel.ip_dst_addr.malicious_ip)", "score": 50},
         {"name": "abroad", "rule": "enrichments.geo.ip_dst_addr.country != 'US'", "score": 10},
         {"name": "web", "rule": "protocol == 'http' and ip_dst_port == 80", "score": 5},
         {"name": "internal", "rule": "is_internal", "score": 1},
         {"name": "big", "rule": "response_body_len > 10000", "score": "response_body_len / 1000"}]}}}
      """;

  private static final int MESSAGES = 4096;

  private Path dir;
  private Tables tables;
  private GeoProvider geo;
  private EnrichmentStage stage;
  private final List<Map<String, Object>> messages = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("metron-enrich-bench");
    MmdbWriter writer = new MmdbWriter("GeoLite2-City");
    for (int i = 0; i < 64; i++) {
      writer.insert(
          "198.51." + i + ".0/24",
          Map.of(
              "city", Map.of("geoname_id", 1000L + i, "names", Map.of("en", "City " + i)),
              "country", Map.of("iso_code", i % 2 == 0 ? "US" : "DE"),
              "location", Map.of("latitude", 40.0 + i / 10.0, "longitude", -70.0 - i / 10.0),
              "postal", Map.of("code", "0" + (1000 + i))));
    }
    Path db = writer.write(dir.resolve("city.mmdb"));
    List<TableRow> rows = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      rows.add(new TableRow(new LookupKey("asset", src(i)), Map.of("owner", "team" + i % 7)));
      if (i % 4 == 0) {
        rows.add(new TableRow(new LookupKey("malicious_ip", dst(i)), Map.of("source", "feed")));
      }
    }
    try (TableStore store = TableStore.openForWriting(dir)) {
      store.write(rows);
    }
    tables = Tables.open(dir, 100_000, Duration.ofSeconds(1));
    geo = GeoProvider.of(db);
    Files.createDirectories(dir.resolve("conf/enrichments"));
    Files.writeString(dir.resolve("conf/enrichments/bro.json"), CONFIG);
    Configs configs =
        new ConfigLoader(List.of(new EnrichmentConfigCheck())).load(dir.resolve("conf"));
    stage =
        EnrichmentStage.create(
            configs, EnrichmentResources.of(geo, tables, "bench"), Clock.systemUTC());
    for (int i = 0; i < MESSAGES; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bro_timestamp", "1700000000.123");
      m.put("uid", "C" + i);
      m.put("method", "GET");
      m.put("host", "www.example.com");
      m.put("uri", "/index.html");
      m.put("status_code", 200L);
      m.put("response_body_len", (long) (i * 37 % 30000));
      m.put("ip_src_addr", src(i));
      m.put("ip_src_port", 50000L + i % 10000);
      m.put("ip_dst_addr", dst(i));
      m.put("ip_dst_port", 80L);
      m.put("protocol", "http");
      m.put("timestamp", 1700000000123L + i);
      m.put("original_string", "HTTP | uid:C" + i);
      m.put("source.type", "bro");
      m.put("guid", "00000000-0000-0000-0000-" + String.format("%012d", i));
      messages.add(m);
    }
  }

  private static String src(int i) {
    return "10.1." + (i / 256) + "." + (i % 256);
  }

  private static String dst(int i) {
    return "198.51." + (i % 64) + "." + (i / 64 % 256);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    tables.close();
    geo.close();
  }

  @Benchmark
  public Message enrichBroMessage() {
    Map<String, Object> fields = messages.get(next);
    next = (next + 1) & (MESSAGES - 1);
    return stage.apply(Message.of(fields)).message();
  }
}
