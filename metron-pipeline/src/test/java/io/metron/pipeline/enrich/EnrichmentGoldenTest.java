package io.metron.pipeline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.geo.GeoDatabase;
import io.metron.pipeline.enrich.geo.GeoTestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parsed Bro message through geo, host, a table lookup, Stellar groups, threat intel and five
 * triage rules, compared field by field (types included) with {@code golden/bro.expected.jsonl}.
 */
class EnrichmentGoldenTest {
  @TempDir Path dir;

  private static String resource(String name) throws IOException {
    try (InputStream in = EnrichmentGoldenTest.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource golden/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void broMessagesMatchTheExpectedOutput() throws Exception {
    Files.createDirectories(dir.resolve("conf/enrichments"));
    Files.writeString(dir.resolve("conf/enrichments/bro.json"), resource("bro.enrichment.json"));
    Files.writeString(dir.resolve("conf/global.json"), resource("bro.global.json"));
    Configs configs =
        new ConfigLoader(List.of(new EnrichmentConfigCheck())).load(dir.resolve("conf"));
    EnrichmentLookup tables =
        EnrichmentLookup.of(
            Map.of(
                new LookupKey("malicious_ip", "203.0.113.9"), Map.of("source", "abuse.ch"),
                new LookupKey("asset", "10.0.0.5"), Map.of("criticality", "high", "owner", "it")));
    List<Message> actual = new ArrayList<>();
    try (GeoDatabase geo = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      EnrichmentStage stage =
          EnrichmentStage.create(
              configs, EnrichmentResources.of(geo, tables, "golden-host"), StageFixtures.CLOCK);
      for (String line : resource("bro.input.jsonl").split("\n")) {
        EnrichmentStage.Outcome out = stage.apply(StageFixtures.message(line));
        assertThat(out.errors()).isEmpty();
        actual.add(out.message());
      }
    }
    // The actual output, for reviewing a difference (or a new golden file) by eye.
    Path report = Path.of("target", "golden", "bro.actual.jsonl");
    Files.createDirectories(report.getParent());
    Files.write(report, actual.stream().map(MessageCodec::toJson).toList());
    List<String> expected = resource("bro.expected.jsonl").lines().toList();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, Object> want = StageFixtures.message(expected.get(i)).fields();
      // Compare as maps so that field order does not matter, but names, values and types do.
      assertThat(MessageCodec.read(MessageCodec.write(actual.get(i))).fields())
          .as("message %d: %s", i + 1, MessageCodec.toJson(actual.get(i)))
          .containsExactlyInAnyOrderEntriesOf(want);
    }
  }
}
