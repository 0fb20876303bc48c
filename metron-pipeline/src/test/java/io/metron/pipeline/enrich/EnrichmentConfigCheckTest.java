package io.metron.pipeline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentConfigCheckTest {
  @TempDir Path dir;

  @Test
  void reportsEveryBadExpressionWithFileAndPath() throws Exception {
    Files.createDirectories(dir.resolve("enrichments"));
    Files.writeString(
        dir.resolve("enrichments/yaf.json"),
        """
        {"enrichment": {"fieldMap": {"stellar": {"config": ["ok := GEO_GET(ip_src_addr)",
                                                            "broken := TO_UPPER("]}}},
         "threatIntel": {"triageConfig": {"riskLevelRules": [
            {"rule": "ENRICHMENT_EXISTS('a', ip_src_addr, 't', 'c')", "score": 10},
            {"rule": "true", "score": "NOT_A_FUNCTION("}]}}}
        """);
    ConfigLoader.Result result = new ConfigLoader(List.of(new EnrichmentConfigCheck())).read(dir);
    assertThat(result.problems().errors())
        .extracting(ConfigProblem::file, ConfigProblem::path)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "enrichments/yaf.json", "$.enrichment.fieldMap.stellar.config[1]"),
            org.assertj.core.groups.Tuple.tuple(
                "enrichments/yaf.json", "$.threatIntel.triageConfig.riskLevelRules[1].score"));
  }

  @Test
  void validConfigsPass() throws Exception {
    Files.createDirectories(dir.resolve("enrichments"));
    Files.writeString(
        dir.resolve("enrichments/bro.json"),
        "{\"enrichment\":{\"fieldMap\":{\"geo\":[\"ip_dst_addr\"]}}}");
    assertThat(new ConfigLoader(List.of(new EnrichmentConfigCheck())).read(dir).valid()).isTrue();
  }
}
