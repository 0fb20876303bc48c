package io.metron.streams.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic traffic for several sensors at once, for {@code metron bench}: Bro JSON, Snort CSV
 * alerts and YAF flow lines, mixed in a fixed proportion, with a known share of lines no parser
 * accepts (to exercise the error path). Deterministic for a seed. Not thread-safe.
 */
public final class TrafficGenerator {
  /** One generated record: the sensor topic it belongs on and its bytes. */
  public record Event(String sensor, byte[] value, boolean bad) {}

  /** The sensors this generator writes, whose parser configs {@link #parserConfigs()} gives. */
  public static final List<String> SENSORS = List.of("bro", "snort", "yaf");

  private static final DateTimeFormatter SNORT_TIME =
      DateTimeFormatter.ofPattern("MM/dd/yy-HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YAF_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> SIGNATURES =
      List.of(
          "1,2000419,5,\"ET POLICY Executable download\"",
          "1,384,8,\"ICMP PING\"",
          "1,2010935,3,\"ET SCAN Suspicious inbound to MSSQL port 1433\"",
          "1,2100498,7,\"GPL ATTACK_RESPONSE id check returned root\"");

  private final Random random;
  private final BroDemoEvents bro;
  private final double badShare;

  /**
   * @param badShare the fraction (0–1) of events that are malformed
   */
  public TrafficGenerator(long seed, double badShare) {
    this.random = new Random(seed);
    this.bro = new BroDemoEvents(seed);
    this.badShare = badShare;
  }

  /** Parser configs for {@link #SENSORS}, as file name to JSON. */
  public static List<String[]> parserConfigs() {
    return List.of(
        new String[] {
          "bro.json",
          "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"sensorTopic\":"
              + " \"bro\"}"
        },
        new String[] {
          "snort.json",
          "{\"parserClassName\": \"org.apache.metron.parsers.snort.BasicSnortParser\","
              + " \"sensorTopic\": \"snort\"}"
        },
        new String[] {
          "yaf.json",
          "{\"parserClassName\": \"org.apache.metron.parsers.GrokParser\", \"sensorTopic\":"
              + " \"yaf\", \"parserConfig\": {\"grokPath\": \"/patterns/yaf\", \"patternLabel\":"
              + " \"YAF_DELIMITED\", \"timestampField\": \"start_time\", \"timeFields\":"
              + " [\"start_time\", \"end_time\"], \"dateFormat\": \"yyyy-MM-dd HH:mm:ss.S\"},"
              + " \"fieldTransformations\": [{\"input\": \"protocol\", \"transformation\":"
              + " \"IP_PROTOCOL\"}]}"
        });
  }

  /** The next event: 60% Bro, 20% Snort, 20% YAF, {@code badShare} of them malformed. */
  public Event next(long epochMillis) {
    int pick = random.nextInt(10);
    String sensor = pick < 6 ? "bro" : pick < 8 ? "snort" : "yaf";
    if (random.nextDouble() < badShare) {
      return new Event(sensor, bad(sensor), true);
    }
    byte[] value =
        switch (sensor) {
          case "bro" -> bro.next(epochMillis);
          case "snort" -> snort(epochMillis);
          default -> yaf(epochMillis);
        };
    return new Event(sensor, value, false);
  }

  private byte[] snort(long epochMillis) {
    String src = "10.0.0." + (1 + random.nextInt(60));
    String dst = "198.51.100." + (1 + random.nextInt(200));
    String line =
        SNORT_TIME.format(Instant.ofEpochMilli(epochMillis))
            + " ,"
            + SIGNATURES.get(random.nextInt(SIGNATURES.size()))
            + ",TCP,"
            + dst
            + ",80,"
            + src
            + ","
            + (1024 + random.nextInt(60000))
            + ",52:54:00:aa:bb:01,08:00:27:cc:dd:02,0x5EA,***AP***,0x11AA22BB,0x33CC44DD,,0x1F5,58,0,"
            + random.nextInt(65536)
            + ",1500,28672,,,,";
    return line.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] yaf(long epochMillis) {
    boolean udp = random.nextBoolean();
    String start = YAF_TIME.format(Instant.ofEpochMilli(epochMillis - 1000));
    String end = YAF_TIME.format(Instant.ofEpochMilli(epochMillis));
    String line =
        String.format(
            Locale.ROOT,
            "%s|%s|   1.000|   0.010| %2d|%39s|%5d|%37s|%5d|      AS|       0|     APF|      "
                + " 0|a1b2c3d4|e5f6a7b8|000|000|%8d|%8d|%8d|%8d|    0|eof",
            start,
            end,
            udp ? 17 : 6,
            "10.0.0." + (1 + random.nextInt(60)),
            1024 + random.nextInt(60000),
            "203.0.113." + (1 + random.nextInt(200)),
            udp ? 53 : 443,
            1 + random.nextInt(100),
            100 + random.nextInt(100000),
            1 + random.nextInt(100),
            100 + random.nextInt(100000));
    return line.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] bad(String sensor) {
    String junk =
        switch (sensor) {
          case "bro" -> "{\"conn\": {\"ts\": ";
          case "snort" -> "not,a,snort,alert";
          default -> "garbage|line";
        };
    return (junk + random.nextInt()).getBytes(StandardCharsets.UTF_8);
  }
}
