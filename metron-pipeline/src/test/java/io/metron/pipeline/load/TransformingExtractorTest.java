package io.metron.pipeline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.LookupKey;
import io.metron.stellar.FunctionRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformingExtractorTest {

  private static Extractor build(Map<String, Object> extra) throws LoadException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("columns", Map.of("domain", 0, "rank", 1));
    config.put("indicator_column", "domain");
    config.put("type", "top_domain");
    config.putAll(extra);
    return Extractors.build(
        new ExtractorConfig("CSV", config, false), FunctionRegistry.builtin(), Map.of("min", 10));
  }

  @Test
  void transformsValueAndIndicatorThenFilters() throws Exception {
    Extractor extractor =
        build(
            Map.of(
                "value_transform",
                Map.of("rank", "TO_INTEGER(rank)", "domain", "null"),
                "indicator_transform",
                Map.of("indicator", "TO_LOWER(DOMAIN_REMOVE_TLD(indicator))"),
                "value_filter",
                "rank < min",
                "indicator_filter",
                "LENGTH(indicator) > 2"));
    List<TableRow> rows = extractor.extract("Google.COM,1");
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().key()).isEqualTo(new LookupKey("top_domain", "google"));
    assertThat(rows.getFirst().value()).isEqualTo(Map.of("rank", 1));
    assertThat(extractor.extract("example.com,50")).as("value filter").isEmpty();
    assertThat(extractor.extract("ab.com,1")).as("indicator filter").isEmpty();
  }

  @Test
  void aNullIndicatorDropsTheRowAndANonStringIsBad() throws Exception {
    assertThat(build(Map.of("indicator_transform", Map.of("indicator", "null"))).extract("a.com,1"))
        .isEmpty();
    assertThatThrownBy(
            () ->
                build(Map.of("indicator_transform", Map.of("indicator", "42"))).extract("a.com,1"))
        .isInstanceOf(BadRowException.class)
        .hasMessageContaining("not a string");
  }

  @Test
  void aFailingExpressionIsABadRowAndABrokenOneAConfigError() throws Exception {
    assertThatThrownBy(() -> build(Map.of("value_filter", "rank / 0 > 1")).extract("a.com,1"))
        .isInstanceOf(BadRowException.class);
    assertThatThrownBy(() -> build(Map.of("value_transform", Map.of("x", "TO_UPPER("))))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("config.value_transform.x");
  }
}
