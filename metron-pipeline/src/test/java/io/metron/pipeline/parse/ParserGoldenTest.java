package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden pair under {@code src/test/resources/io/metron/pipeline/parse/<sensor>/}: the
 * sensor's {@code config.json} (with the {@code global.json} beside it, when there is one), and for
 * each {@code <case>.raw} (one raw message per line) the expected messages in {@code
 * <case>.expected.jsonl}, one per produced outcome, errors included, {@code guid}, {@code hostname}
 * and {@code stack} left out. The clock is fixed.
 *
 * <p>To regenerate after an intended change: {@code mvn -pl metron-pipeline test
 * -Dtest=ParserGoldenTest -Dgolden.update=true}, then review the diff.
 */
class ParserGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> everyGoldenCase() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Golden.ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path config = dir.resolve("config.json");
        if (!Files.exists(config)) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path raw : files.filter(f -> f.toString().endsWith(".raw")).sorted().toList()) {
            String sensor = dir.getFileName().toString();
            String name = raw.getFileName().toString().replace(".raw", "");
            tests.add(
                DynamicTest.dynamicTest(sensor + "/" + name, () -> check(sensor, config, raw)));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  private static void check(String sensor, Path config, Path raw) throws Exception {
    Path global = config.resolveSibling("global.json");
    ParserRunner runner =
        Golden.runner(
            sensor,
            Files.readString(config),
            Files.exists(global) ? Files.readString(global) : null);
    List<Map<String, Object>> actual = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(raw, StandardCharsets.UTF_8)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      RawMessage input =
          new RawMessage(line.getBytes(StandardCharsets.UTF_8), null, sensor, raw + ":" + n);
      actual.addAll(Golden.comparable(runner.process(input)));
    }
    Path expectedFile = Path.of(raw.toString().replace(".raw", ".expected.jsonl"));
    if (UPDATE) {
      StringBuilder out = new StringBuilder();
      for (Map<String, Object> message : actual) {
        out.append(MessageCodec.toJson(Message.of(message))).append('\n');
      }
      Files.writeString(expectedFile, out.toString());
    }
    List<Map<String, Object>> expected = new ArrayList<>();
    for (String line : Golden.lines(expectedFile)) {
      expected.add(Golden.parse(line));
    }
    assertThat(actual).as("messages produced from %s", raw).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("message %d of %s", i + 1, raw).isEqualTo(expected.get(i));
    }
  }
}
