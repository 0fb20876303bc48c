package io.metron.streams.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each indexing config key as the search writer and the archive writer apply it. */
class IndexingSettingsTest {
  @TempDir Path dir;

  private Configs configs(String sensor, String indexingJson) throws Exception {
    IndexingConfigIT.sensor(dir, sensor, indexingJson);
    return new ConfigLoader().load(dir);
  }

  private static IndexingSettings settings(IndexingWriter.Kind kind, Configs configs) {
    return new IndexingSettings(kind, () -> configs, ExpressionEngine.standard());
  }

  @Test
  void theSearchWriterTakesIndexAndBatchFromElasticsearchOrSolr() throws Exception {
    Configs configs =
        configs(
            "squid",
            "{\"elasticsearch\": {\"index\": \"proxy\", \"batchSize\": 50, \"batchTimeout\": 3,"
                + " \"fieldNameConverter\": \"DEDOT\"}, \"hdfs\": {\"enabled\": false}}");
    IndexingSettings search = settings(IndexingWriter.Kind.SEARCH, configs);
    SensorSettings squid = search.of("squid");
    assertThat(squid.index()).isEqualTo("proxy");
    assertThat(squid.batchSize()).isEqualTo(50);
    assertThat(squid.batchTimeoutMillis()).isEqualTo(3000);
    assertThat(search.enabled("squid")).isTrue();
    assertThat(settings(IndexingWriter.Kind.ARCHIVE, configs).enabled("squid")).isFalse();
    assertThat(search.warnings())
        .as("field names keep their dots, so DEDOT is warned about")
        .containsExactly("indexing/squid.json: elasticsearch.fieldNameConverter");
  }

  @Test
  void withoutATimeoutPartialBatchesWaitASecond() throws Exception {
    Configs configs =
        configs("squid", "{\"solr\": {\"batchSize\": 5, \"fieldNameConverter\": \"NOOP\"}}");
    IndexingSettings search = settings(IndexingWriter.Kind.SEARCH, configs);
    SensorSettings squid = search.of("squid");
    assertThat(squid.batchSize()).isEqualTo(5);
    assertThat(squid.index()).isEqualTo("squid");
    assertThat(squid.batchTimeoutMillis()).isEqualTo(IndexingSettings.DEFAULT_BATCH_TIMEOUT_MILLIS);
    assertThat(search.warnings()).as("NOOP is what happens here").isEmpty();
  }

  @Test
  void theArchiveWriterNamesDirectoriesByOutputPathFunction() throws Exception {
    Configs configs =
        configs(
            "squid",
            "{\"hdfs\": {\"batchSize\": 7, \"outputPathFunction\": \"FORMAT('%s/%s',"
                + " source.type, ip_src_addr)\"}}");
    SensorSettings squid = settings(IndexingWriter.Kind.ARCHIVE, configs).of("squid");
    assertThat(squid.batchSize()).isEqualTo(7);
    assertThat(squid.pathOf(Message.of(Map.of("source.type", "squid", "ip_src_addr", "10.1.1.1"))))
        .isEqualTo("squid/10.1.1.1");
    // Not a string: the message keeps the sensor's own directory.
    SensorSettings numeric =
        settings(
                IndexingWriter.Kind.ARCHIVE,
                configs("other", "{\"hdfs\": {\"outputPathFunction\": \"1 + 2\"}}"))
            .of("other");
    assertThat(numeric.pathOf(Message.of(Map.of("source.type", "other")))).isNull();
    assertThat(settings(IndexingWriter.Kind.SEARCH, configs).of("squid").outputPath()).isNull();
  }

  @Test
  void keysWithoutMeaningForAWriterAreWarnedAboutOnceEach() throws Exception {
    Configs configs =
        configs(
            "squid",
            "{\"elasticsearch\": {\"setDocumentId\": false, \"outputPathFunction\": \"'x'\"},"
                + " \"hdfs\": {\"index\": \"proxy\", \"fieldNameConverter\": \"NOOP\","
                + " \"setDocumentId\": true}}");
    IndexingSettings search = settings(IndexingWriter.Kind.SEARCH, configs);
    search.of("squid");
    search.of("squid");
    assertThat(search.warnings())
        .containsExactlyInAnyOrder(
            "indexing/squid.json: elasticsearch.setDocumentId",
            "indexing/squid.json: elasticsearch.outputPathFunction");
    IndexingSettings archive = settings(IndexingWriter.Kind.ARCHIVE, configs);
    archive.of("squid");
    assertThat(archive.warnings())
        .containsExactlyInAnyOrder(
            "indexing/squid.json: hdfs.index",
            "indexing/squid.json: hdfs.fieldNameConverter",
            "indexing/squid.json: hdfs.setDocumentId");
    // The shipped configs name the sensor as the archive's index: nothing to warn about.
    IndexingSettings plain =
        settings(
            IndexingWriter.Kind.ARCHIVE,
            configs("bro", "{\"hdfs\": {\"index\": \"bro\", \"batchSize\": 100}}"));
    plain.of("bro");
    assertThat(plain.warnings()).isEmpty();
  }
}
