package io.metron.bench.parse;

import io.metron.core.config.FieldTransformationConfig;
import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.ParserRunner;
import io.metron.pipeline.parse.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parse stage per message, whole pipeline: parser, field transformations, community id, guid
 * (derived from the input's position, as the stream topology does), original_string and validation.
 * Inputs are 1024 distinct generated lines (varying times, addresses and ports) so no cache
 * flatters the figures. Targets per core: Bro JSON 180k/s, yaf (grok) 100k/s, ASA 65k/s.
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar ParseBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseBenchmark {
  private static final int LINES = 1024;

  private ParserRunner bro;
  private ParserRunner yaf;
  private ParserRunner asa;
  private byte[][] broLines;
  private byte[][] yafLines;
  private byte[][] asaLines;
  private long offset;

  private static SensorParserConfig config(
      String sensor,
      String parser,
      Map<String, Object> parserConfig,
      List<FieldTransformationConfig> transformations) {
    return new SensorParserConfig(
        sensor,
        parser,
        null,
        sensor,
        null,
        null,
        null,
        null,
        null,
        null,
        "DEFAULT",
        Map.of(),
        parserConfig,
        transformations,
        Map.of(),
        Map.of(),
        null);
  }

  @Setup
  public void setup() throws Exception {
    bro =
        ParserRunner.create(
            config("bro", "org.apache.metron.parsers.bro.BasicBroParser", Map.of(), List.of()),
            GlobalConfig.empty());
    yaf =
        ParserRunner.create(
            config(
                "yaf",
                "org.apache.metron.parsers.GrokParser",
                Map.of(
                    "grokPath", "/patterns/yaf",
                    "patternLabel", "YAF_DELIMITED",
                    "timestampField", "start_time",
                    "timeFields", List.of("start_time", "end_time"),
                    "dateFormat", "yyyy-MM-dd HH:mm:ss.S"),
                List.of(
                    new FieldTransformationConfig(
                        List.of("protocol"), List.of(), "IP_PROTOCOL", Map.of()))),
            GlobalConfig.empty());
    asa =
        ParserRunner.create(
            config("asa", "org.apache.metron.parsers.asa.BasicAsaParser", Map.of(), List.of()),
            GlobalConfig.empty());
    Random random = new Random(7);
    broLines = new byte[LINES][];
    yafLines = new byte[LINES][];
    asaLines = new byte[LINES][];
    for (int i = 0; i < LINES; i++) {
      String src =
          "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      String dst = "192.168." + random.nextInt(256) + "." + random.nextInt(256);
      int sport = 1024 + random.nextInt(60000);
      long ts = 1_717_000_000_000L + random.nextInt(86_400_000);
      broLines[i] =
          String.format(
                  Locale.ROOT,
                  "{\"http\":{\"ts\":%d.%03d,\"uid\":\"C%08x\",\"id.orig_h\":\"%s\",\"id.orig_p\":%d,"
                      + "\"id.resp_h\":\"%s\",\"id.resp_p\":80,\"trans_depth\":1,\"method\":\"GET\","
                      + "\"host\":\"www.example.test\",\"uri\":\"/index%d.html\",\"user_agent\":"
                      + "\"curl/8.5.0\",\"request_body_len\":0,\"response_body_len\":%d,"
                      + "\"status_code\":200,\"status_msg\":\"OK\",\"tags\":[],\"resp_fuids\":"
                      + "[\"F%08x\"],\"resp_mime_types\":[\"text/html\"]}}",
                  ts / 1000,
                  ts % 1000,
                  random.nextInt(),
                  src,
                  sport,
                  dst,
                  i,
                  random.nextInt(100000),
                  random.nextInt())
              .getBytes(StandardCharsets.UTF_8);
      String time =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
              .withZone(java.time.ZoneOffset.UTC)
              .format(java.time.Instant.ofEpochMilli(ts));
      yafLines[i] =
          String.format(
                  Locale.ROOT,
                  "%s|%s|   0.%03d|   0.000|  6|%39s|%5d|%39s|  443|      AS|       0|"
                      + "       0|       0|%08x|00000000|000|000|%8d|%8d|       0|       0|"
                      + "    0|idle",
                  time,
                  time,
                  random.nextInt(1000),
                  src,
                  sport,
                  dst,
                  random.nextInt(),
                  1 + random.nextInt(20),
                  40 + random.nextInt(1500))
              .getBytes(StandardCharsets.UTF_8);
      asaLines[i] =
          String.format(
                  Locale.ROOT,
                  "<166>Jun %2d %02d:%02d:%02d 10.22.8.216 %%ASA-6-302014: Teardown TCP connection"
                      + " %d for outside:%s/%d to inside:%s/443 duration 0:00:%02d bytes %d TCP"
                      + " FINs",
                  1 + random.nextInt(28),
                  random.nextInt(24),
                  random.nextInt(60),
                  random.nextInt(60),
                  random.nextInt(1 << 30),
                  src,
                  sport,
                  dst,
                  random.nextInt(60),
                  random.nextInt(100000))
              .getBytes(StandardCharsets.UTF_8);
    }
    for (byte[][] lines : List.of(broLines, yafLines, asaLines)) {
      ParserRunner runner = lines == broLines ? bro : lines == yafLines ? yaf : asa;
      ParseOutcome outcome = runner.process(RawMessage.of(lines[0])).getFirst();
      if (!(outcome instanceof ParseOutcome.Parsed)) {
        throw new IllegalStateException("benchmark input does not parse: " + outcome);
      }
    }
  }

  private RawMessage next(byte[][] lines, String topic) {
    long n = offset++;
    return new RawMessage(lines[(int) (n & (LINES - 1))], null, topic, topic + "/0/" + n);
  }

  @Benchmark
  public List<ParseOutcome> broJson() {
    return bro.process(next(broLines, "bro"));
  }

  @Benchmark
  public List<ParseOutcome> yafGrok() {
    return yaf.process(next(yafLines, "yaf"));
  }

  @Benchmark
  public List<ParseOutcome> asaSyslog() {
    return asa.process(next(asaLines, "asa"));
  }
}
