package io.metron.pipeline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.LookupKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvExtractorTest {

  @Test
  void extractsIndicatorTypeAndAllColumnsAsTheValue() throws Exception {
    CsvExtractor csv =
        CsvExtractor.create(
            Map.of(
                "columns", Map.of("ip", 0, "source", 2),
                "indicator_column", "ip",
                "type", "malicious_ip"));
    List<TableRow> rows = csv.extract("203.0.113.9,ignored,abuse.ch");
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().key()).isEqualTo(new LookupKey("malicious_ip", "203.0.113.9"));
    assertThat(rows.getFirst().value())
        .isEqualTo(Map.of("ip", "203.0.113.9", "source", "abuse.ch"));
  }

  @Test
  void columnsMayBeAListWithExplicitPositionsAndTypeMayComeFromAColumn() throws Exception {
    CsvExtractor csv =
        CsvExtractor.create(
            Map.of(
                "columns", List.of("domain", "kind", "note:3"),
                "indicator_column", "domain",
                "type_column", "kind",
                "separator", "|"));
    TableRow row = csv.extract("bad.example|phishing|x|\"quoted | text\"").getFirst();
    assertThat(row.key()).isEqualTo(new LookupKey("phishing", "bad.example"));
    assertThat(row.value()).containsEntry("note", "quoted | text");
  }

  @Test
  void commentsAndBlankLinesYieldNothing() throws Exception {
    CsvExtractor csv =
        CsvExtractor.create(Map.of("columns", "ip", "indicator_column", "ip", "type", "t"));
    assertThat(csv.extract("# a comment")).isEmpty();
    assertThat(csv.extract("   ")).isEmpty();
  }

  @Test
  void shortOrMalformedRowsAreBadRows() throws Exception {
    CsvExtractor csv =
        CsvExtractor.create(
            Map.of("columns", Map.of("ip", 0, "source", 2), "indicator_column", "ip", "type", "t"));
    assertThatThrownBy(() -> csv.extract("1.2.3.4,x"))
        .isInstanceOf(BadRowException.class)
        .hasMessage("has 2 column(s), the extractor config needs 3");
    assertThatThrownBy(() -> csv.extract("\"1.2.3.4,x,y"))
        .isInstanceOf(BadRowException.class)
        .hasMessageContaining("quoted field is not closed");
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> CsvExtractor.create(Map.of("indicator_column", "ip", "type", "t")))
        .hasMessageContaining("config.columns");
    assertThatThrownBy(
            () ->
                CsvExtractor.create(Map.of("columns", "ip", "indicator_column", "x", "type", "t")))
        .hasMessageContaining("config.indicator_column");
    assertThatThrownBy(() -> CsvExtractor.create(Map.of("columns", "ip", "indicator_column", "ip")))
        .hasMessageContaining("config.type");
    assertThatThrownBy(
            () ->
                CsvExtractor.create(
                    Map.of(
                        "columns", "ip", "indicator_column", "ip", "type", "t", "separator", ";;")))
        .hasMessageContaining("config.separator");
  }

  @Test
  void splitHandlesQuotesAndEmptyFields() throws Exception {
    assertThat(CsvExtractor.split("a,,\"b,\"\"c\"\"\",", ','))
        .containsExactly("a", "", "b,\"c\"", "");
  }
}
