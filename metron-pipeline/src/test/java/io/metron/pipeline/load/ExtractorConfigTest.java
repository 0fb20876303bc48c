package io.metron.pipeline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.core.message.MessageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorConfigTest {
  @TempDir Path dir;

  @Test
  void readsMetronsShape() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("extractor.json"),
            "{\"config\":{\"columns\":{\"ip\":0},\"indicator_column\":\"ip\",\"type\":\"t\"},"
                + "\"extractor\":\"CSV\"}");
    ExtractorConfig config = ExtractorConfig.read(file);
    assertThat(config.extractor()).isEqualTo("CSV");
    assertThat(config.wholeFile()).isFalse();
    assertThat(config.config()).containsEntry("indicator_column", "ip");
    Path stix =
        Files.writeString(dir.resolve("stix.json"), "{\"extractor\":\"STIX\",\"config\":{}}");
    assertThat(ExtractorConfig.read(stix).wholeFile()).isTrue();
  }

  @Test
  void mistakesAreNamed() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"extractor\": ");
    assertThatThrownBy(() -> ExtractorConfig.read(broken))
        .hasMessageContaining("broken.json")
        .hasMessageContaining("malformed JSON at line 1");
    Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"extractor\":\"XML\"}");
    assertThatThrownBy(() -> ExtractorConfig.read(unknown))
        .hasMessageContaining("$.extractor: unknown extractor 'XML'");
    Path extra =
        Files.writeString(dir.resolve("extra.json"), "{\"extractor\":\"CSV\",\"cofnig\":{}}");
    assertThatThrownBy(() -> ExtractorConfig.read(extra))
        .hasMessageContaining("$.cofnig: unknown key");
  }

  @Test
  void enrichmentConfigUpdateAddsFieldsAndTypesOnce() throws Exception {
    EnrichmentConfigUpdate update =
        EnrichmentConfigUpdate.parse(
            MessageCodec.JSON.readTree(
                "{\"zkQuorum\":\"zk:2181\",\"sensorToFieldList\":{\"bro\":{\"type\":\"THREAT_INTEL\","
                    + "\"fieldToEnrichmentTypes\":{\"ip_dst_addr\":[\"malicious_ip\"]}}}}"),
            "n.json");
    ObjectNode existing =
        (ObjectNode)
            MessageCodec.JSON.readTree(
                "{\"enrichment\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\"]}},"
                    + "\"threatIntel\":{\"fieldMap\":{\"hbaseThreatIntel\":[\"ip_src_addr\"]}}}");
    ObjectNode once = EnrichmentConfigUpdate.apply(existing, update.sensors().get("bro"));
    ObjectNode twice = EnrichmentConfigUpdate.apply(once, update.sensors().get("bro"));
    assertThat(twice).isEqualTo(once);
    assertThat(once.toString())
        .contains("\"hbaseThreatIntel\":[\"ip_src_addr\",\"ip_dst_addr\"]")
        .contains("\"fieldToTypeMap\":{\"ip_dst_addr\":[\"malicious_ip\"]}")
        .contains("\"geo\":[\"ip_dst_addr\"]");
  }
}
