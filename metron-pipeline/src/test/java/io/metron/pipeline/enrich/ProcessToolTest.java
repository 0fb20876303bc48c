package io.metron.pipeline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.pipeline.enrich.geo.GeoDatabase;
import io.metron.pipeline.enrich.geo.GeoTestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessToolTest {
  @TempDir Path dir;

  @Test
  void rawBroLinesComeOutParsedEnrichedAndScoredInOrder() throws Exception {
    Files.createDirectories(dir.resolve("parsers"));
    Files.writeString(
        dir.resolve("parsers/bro.json"),
        "{\"parserClassName\":\"org.apache.metron.parsers.bro.BasicBroParser\",\"sensorTopic\":\"bro\"}");
    Configs configs =
        StageFixtures.configs(
            dir,
            "bro",
            "{\"enrichment\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\"]}},"
                + "\"threatIntel\":{\"fieldMap\":{\"hbaseThreatIntel\":[\"ip_dst_addr\"]},"
                + "\"fieldToTypeMap\":{\"ip_dst_addr\":[\"malicious_ip\"]},"
                + "\"triageConfig\":{\"riskLevelRules\":[{\"name\":\"known bad\",\"rule\":"
                + "\"ENRICHMENT_EXISTS('malicious_ip', ip_dst_addr, 'threatintel', 't')\","
                + "\"score\":75}]}}}",
            null);
    String input =
        String.join(
            "\n",
            "{\"http\":{\"ts\":1700000000.25,\"uid\":\"Cxyz1\",\"id.orig_h\":\"10.0.0.5\","
                + "\"id.orig_p\":5000,\"id.resp_h\":\"203.0.113.9\",\"id.resp_p\":80,"
                + "\"method\":\"GET\",\"host\":\"www.example.com\"}}",
            "this is not bro",
            "{\"dns\":{\"ts\":1700000001.5,\"uid\":\"Cxyz2\",\"id.orig_h\":\"10.0.0.6\","
                + "\"id.orig_p\":5001,\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,"
                + "\"query\":\"example.org\"}}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GeoDatabase geo = GeoDatabase.open(GeoTestDatabases.maxmind(dir))) {
      EnrichmentResources resources =
          EnrichmentResources.of(
              geo,
              EnrichmentLookup.of(Map.of(new LookupKey("malicious_ip", "203.0.113.9"), Map.of())),
              "test");
      ProcessTool tool = ProcessTool.create(configs, "bro", resources, StageFixtures.CLOCK);
      ProcessTool.Stats stats =
          tool.run(
              new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
              "stdin",
              new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(stats.lines()).isEqualTo(3);
      assertThat(stats.enriched()).isEqualTo(2);
      assertThat(stats.alerts()).isEqualTo(1);
      assertThat(stats.errors()).isEqualTo(1);
    }
    List<Message> out =
        bytes.toString(StandardCharsets.UTF_8).lines().map(StageFixtures::message).toList();
    assertThat(out).hasSize(3);
    assertThat(out.get(0).get("enrichments.geo.ip_dst_addr.city")).isEqualTo("Springfield");
    assertThat(out.get(0).get("is_alert")).isEqualTo("true");
    assertThat(out.get(0).get("threat.triage.score")).isEqualTo(75.0);
    assertThat(out.get(1).get("source.type")).isEqualTo("error");
    assertThat(out.get(1).get("error_type")).isEqualTo("parser_error");
    assertThat(out.get(2).get("protocol")).isEqualTo("dns");
    assertThat(out.get(2).fields()).doesNotContainKey("is_alert");
  }

  @Test
  void aSensorWithoutParserConfigIsAConfigError() throws Exception {
    Configs configs = new ConfigLoader().load(Files.createDirectories(dir.resolve("empty")));
    assertThatThrownBy(
            () ->
                ProcessTool.create(configs, "yaf", EnrichmentResources.none(), StageFixtures.CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parsers/yaf.json");
  }
}
