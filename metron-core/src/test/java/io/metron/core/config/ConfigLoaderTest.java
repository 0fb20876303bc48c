package io.metron.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private void write(String name, String json) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  @Test
  void readsMetronsDocumentsInTheirOwnShapes() throws Exception {
    write(
        "global.json",
        "{\"es.date.format\": \"yyyy.MM.dd\", \"parser.error.topic\": \"indexing\"}");
    write(
        "parsers/squid.json",
        """
        { "parserClassName": "org.apache.metron.parsers.GrokParser", "sensorTopic": "squid",
          "parserConfig": { "grokPath": "/patterns/squid", "patternLabel": "SQUID_DELIMITED" },
          "spoutParallelism": 2, "numWorkers": 1,
          "fieldTransformations": [
            { "transformation": "STELLAR", "output": ["full_hostname"],
              "config": { "full_hostname": "URL_TO_HOST(url)" } },
            { "input": "protocol", "transformation": "IP_PROTOCOL" } ] }
        """);
    write(
        "enrichments/squid.json",
        """
        { "enrichment": { "fieldMap": { "geo": ["ip_dst_addr"],
              "stellar": { "config": { "g1": ["dom := DOMAIN_REMOVE_TLD(full_hostname)"] } } },
            "fieldToTypeMap": { "ip_src_addr": ["asset"] } },
          "threatIntel": { "fieldMap": { "hbaseThreatIntel": ["ip_dst_addr"] },
            "fieldToTypeMap": { "ip_dst_addr": ["malicious_ip"] },
            "triageConfig": { "riskLevelRules": [ { "name": "bad", "rule": "true", "score": 50 } ],
                              "aggregator": "SUM" } } }
        """);
    write(
        "indexing/squid.json",
        "{\"elasticsearch\": {\"index\": \"squid\", \"batchSize\": 5}, \"hdfs\": {\"enabled\":"
            + " false}}");
    write(
        "profiler.json",
        "{\"profiles\": [{\"profile\": \"p\", \"foreach\": \"ip_src_addr\", \"update\": {\"c\": \"c"
            + " + 1\"}, \"result\": \"c\"}]}");

    Configs configs = new ConfigLoader().load(dir);

    SensorParserConfig squid = configs.parser("squid").orElseThrow();
    assertThat(squid.parserClassName()).isEqualTo("org.apache.metron.parsers.GrokParser");
    assertThat(squid.parserConfig()).containsEntry("patternLabel", "SQUID_DELIMITED");
    assertThat(squid.fieldTransformations()).hasSize(2);
    assertThat(squid.fieldTransformations().get(1).input()).containsExactly("protocol");
    assertThat(squid.fieldTransformations().get(0).config())
        .containsEntry("full_hostname", "URL_TO_HOST(url)");
    assertThat(squid.readsMetadata()).isFalse();
    SensorEnrichmentConfig enrich = configs.enrichment("squid");
    assertThat(enrich.enrichment().fieldMap()).containsEntry("geo", List.of("ip_dst_addr"));
    assertThat(enrich.threatIntel().triageConfig().aggregator()).isEqualTo("SUM");
    assertThat(enrich.threatIntel().triageConfig().riskLevelRules().getFirst().score())
        .isEqualTo("50");
    assertThat(configs.indexing("squid").writer("elasticsearch").batchSize()).isEqualTo(5);
    assertThat(configs.indexing("squid").writer("hdfs").enabled()).isFalse();
    assertThat(configs.indexing("snort").writer("elasticsearch").index()).isEqualTo("snort");
    assertThat(configs.profiler().profiles().getFirst().resultProfile()).isEqualTo("c");
    assertThat(configs.global().string("es.date.format", null)).isEqualTo("yyyy.MM.dd");
  }

  @Test
  void reportsEveryPlantedMistakeWithFileAndPath() throws Exception {
    write("global.json", "{\"a\": 1,}");
    write(
        "parsers/bro.json",
        """
        { "parserClassName": "org.apache.metron.parsers.bro.BasicBroParser",
          "sensorTopc": "bro",
          "readMetadata": "sometimes",
          "fieldTransformations": [
            { "transformation": "REMOVE", "input": ["a"] },
            { "transformation": "RENAM", "config": {"a": "b"} } ] }
        """);
    write("parsers/snort.json", "{\"sensorTopic\": \"snort\"}");
    write(
        "enrichments/bro.json",
        "{\"enrichment\": {\"fieldMap\": {\"geo\": \"ip_dst_addr\"}}, \"threatIntel\":"
            + " {\"triageConfig\": {\"aggregator\": \"AVERAGE\", \"riskLevelRules\": [{\"name\":"
            + " \"x\"}]}}}");
    write("indexing/bro.json", "{\"elasticsearch\": {\"batchSize\": \"ten\"}, \"hfds\": {}}");

    ConfigLoader.Result result = new ConfigLoader().read(dir);

    assertThat(result.valid()).isFalse();
    assertThat(result.problems().errors().stream().map(ConfigProblem::toString))
        .anyMatch(p -> p.startsWith("global.json: $: malformed JSON at line 1"))
        .contains(
            "parsers/bro.json: $.sensorTopc: unknown key 'sensorTopc' (did you mean"
                + " 'sensorTopic'?)",
            "parsers/bro.json: $.readMetadata: expected true or false, found the string"
                + " \"sometimes\"",
            "parsers/snort.json: $.parserClassName: is required",
            "enrichments/bro.json: $.enrichment.fieldMap.geo: expected a list of strings, found the"
                + " string \"ip_dst_addr\"",
            "enrichments/bro.json: $.threatIntel.triageConfig.aggregator: unknown aggregator"
                + " 'AVERAGE'; known: MAX, MIN, SUM, MEAN, POSITIVE_MEAN",
            "enrichments/bro.json: $.threatIntel.triageConfig.riskLevelRules[0].score: is required",
            "enrichments/bro.json: $.threatIntel.triageConfig.riskLevelRules[0].rule: is required",
            "indexing/bro.json: $.elasticsearch.batchSize: expected a whole number, found the"
                + " string \"ten\"",
            "indexing/bro.json: $.hfds: unknown writer 'hfds' (did you mean 'hdfs'?); known:"
                + " elasticsearch, solr, hdfs")
        .anyMatch(
            p ->
                p.startsWith(
                    "parsers/bro.json: $.fieldTransformations[1].transformation: unknown"
                        + " transformation 'RENAM' (did you mean 'RENAME'?)"));
  }

  @Test
  void stormTuningKeysAreAcceptedNotReported() throws Exception {
    write(
        "parsers/yaf.json",
        "{\"parserClassName\": \"GrokParser\", \"numWorkers\": 2, \"stormConfig\": {}}");
    ConfigLoader.Result result = new ConfigLoader().read(dir);
    assertThat(result.valid()).isTrue();
    assertThat(result.problems().ignoredStormKeys())
        .containsExactlyInAnyOrder("parsers/yaf.json:numWorkers", "parsers/yaf.json:stormConfig");
  }

  @Test
  void aMissingDirectoryIsOneClearMessage() {
    assertThatThrownBy(() -> new ConfigLoader().load(dir.resolve("nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no such config directory");
  }

  @Test
  void extraChecksReportIntoTheSameResult() throws Exception {
    write("parsers/x.json", "{\"parserClassName\": \"Nope\"}");
    ConfigCheck knownParsers =
        (configs, problems) ->
            configs
                .parsers()
                .forEach(
                    (sensor, c) ->
                        problems.add(
                            "parsers/" + sensor + ".json", "$.parserClassName", "unknown parser"));
    ConfigLoader.Result result = new ConfigLoader(List.of(knownParsers)).read(dir);
    assertThat(result.problems().errors())
        .containsExactly(
            new ConfigProblem("parsers/x.json", "$.parserClassName", "unknown parser"));
  }
}
