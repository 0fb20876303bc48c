package io.metron.pipeline.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz tests of the parse stage, one per parser family. Each input goes through every sensor
 * of its family (the golden sensor configs, transformations included) and {@link OutcomeContract}
 * checks what comes back: never an exception, and every error names its reason and carries the
 * bytes it is about.
 *
 * <p>In a normal build each test replays its seeds, {@code ParserFuzzTestInputs/<family>/}: well
 * formed lines of each format, truncated lines, bad dates, invalid UTF-8, binary garbage, and the
 * inputs earlier fuzzing sessions found. To fuzz one family (Jazzer keeps its corpus in {@code
 * .cifuzz-corpus/}, ignored by git, and adds a failing input to the seed directory):
 *
 * <pre>JAZZER_FUZZ=1 mvn -pl metron-pipeline test -Dtest='ParserFuzzTest#syslog'</pre>
 *
 * Ten-megabyte inputs are too slow to fuzz; {@link ParserContractTest} feeds one to every parser.
 */
class ParserFuzzTest {
  private static final List<ParserRunner> JSON =
      family(
          List.of("bro", "zeek", "suricata", "jsonMap", "jsonMapQuery", "logstash", "lancope"),
          Map.of(
              "envelope",
              """
              { "parserClassName": "jsonMap", "rawMessageStrategy": "ENVELOPE",
                "rawMessageStrategyConfig": { "messageField": "data" }, "readMetadata": true }
              """));

  private static final List<ParserRunner> GROK =
      family(
          List.of("yaf", "squid", "websphere", "asa"),
          Map.of(
              "apache",
              """
              { "parserClassName": "grok", "parserConfig": { "grokPath": "/patterns/common",
                  "patternLabel": "COMBINEDAPACHELOG", "multiLine": true,
                  "timeFields": ["timestamp"], "timestampField": "timestamp",
                  "dateFormat": "dd/MMM/yyyy:HH:mm:ss Z" } }
              """));

  private static final List<ParserRunner> CSV =
      family(List.of("snort", "csv", "paloalto"), Map.of());

  private static final List<ParserRunner> KEY_VALUE =
      family(List.of("cef", "leef", "fireeye", "ise", "sourcefire", "regex"), Map.of());

  private static final List<ParserRunner> SYSLOG =
      family(List.of("syslog3164", "syslog5424"), Map.of());

  private static List<ParserRunner> family(List<String> sensors, Map<String, String> extra) {
    try {
      return Golden.runners(sensors, extra);
    } catch (Exception e) {
      throw new IllegalStateException("the fuzz tests' sensor configs must load", e);
    }
  }

  private static void feed(List<ParserRunner> family, byte[] input) {
    for (ParserRunner runner : family) {
      OutcomeContract.check(runner, input);
    }
  }

  /** bro, zeek, suricata, jsonMap (plain, JSONPath query, ENVELOPE), logstash, lancope. */
  @FuzzTest(maxDuration = "30s")
  void json(byte[] input) {
    feed(JSON, input);
  }

  /** yaf, squid, websphere, asa, and generic grok over several lines. */
  @FuzzTest(maxDuration = "30s")
  void grok(byte[] input) {
    feed(GROK, input);
  }

  /** snort, csv, paloalto. */
  @FuzzTest(maxDuration = "30s")
  void csv(byte[] input) {
    feed(CSV, input);
  }

  /** cef, leef, fireeye, ise, sourcefire, regex. */
  @FuzzTest(maxDuration = "30s")
  void keyValue(byte[] input) {
    feed(KEY_VALUE, input);
  }

  /** RFC 3164 and RFC 5424 syslog. */
  @FuzzTest(maxDuration = "30s")
  void syslog(byte[] input) {
    feed(SYSLOG, input);
  }
}
