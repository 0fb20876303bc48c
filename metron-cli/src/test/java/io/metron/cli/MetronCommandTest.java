package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import io.metron.search.lucene.LuceneSearchStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetronCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int metron(String... args) {
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void everySubcommandTeachesItsUse() {
    for (String[] command :
        List.of(
            new String[] {"--help"},
            new String[] {"run", "--help"},
            new String[] {"search", "--help"},
            new String[] {"config", "--help"},
            new String[] {"config", "validate", "--help"})) {
      assertThat(metron(command)).as(String.join(" ", command)).isZero();
    }
    assertThat(out.toString())
        .contains("metron run --demo")
        .contains("--data=DIR")
        .contains("metron search 'ip_src_addr:10.0.0.1'")
        .contains("$.fieldTransformations[1].transformation");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(metron("--version")).isZero();
    assertThat(out.toString()).startsWith("metron ");
  }

  @Test
  void validateListsEveryPlantedMistakeAndFails() throws Exception {
    Files.createDirectories(dir.resolve("parsers"));
    Files.createDirectories(dir.resolve("indexing"));
    Files.writeString(
        dir.resolve("parsers/bro.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\", \"numWorkers\": 2,"
            + " \"fieldTransformations\": [{\"transformation\": \"REMOVE\", \"input\": \"x\"},"
            + " {\"transformation\": \"RENAM\", \"config\": {\"a\": \"b\"}}]}");
    Files.writeString(dir.resolve("parsers/yaf.json"), "{\"parserClassName\": 7}");
    Files.writeString(
        dir.resolve("indexing/bro.json"), "{\"elasticsearch\": {\"enabled\": \"maybe\"}}");

    assertThat(metron("config", "validate", dir.toString())).isEqualTo(1);

    assertThat(out.toString())
        .contains(
            "parsers/bro.json: $.fieldTransformations[1].transformation: unknown transformation"
                + " 'RENAM'")
        .contains("parsers/yaf.json: $.parserClassName: expected a string, found the number 7")
        .contains("indexing/bro.json: $.elasticsearch.enabled: expected true or false")
        .contains("3 problems");
  }

  @Test
  void validateWarnsOfUnknownFunctionsAtTheirPathButAcceptsTheConfigAsMetronDid() throws Exception {
    Files.createDirectories(dir.resolve("parsers"));
    Files.createDirectories(dir.resolve("enrichments"));
    Files.writeString(
        dir.resolve("parsers/auth.json"),
        "{\"parserClassName\": \"org.apache.metron.parsers.json.JSONMapParser\","
            + " \"fieldTransformations\": [{\"transformation\": \"STELLAR\", \"output\": [\"u\"],"
            + " \"config\": {\"u\": \"TO_UPPERR(user)\"}}]}");
    Files.writeString(
        dir.resolve("enrichments/auth.json"),
        "{\"threatIntel\": {\"triageConfig\": {\"riskLevelRules\": [{\"rule\": \"true\","
            + " \"score\": 10}, {\"rule\": \"MAP_GET('a')\", \"score\": 5}]}}}");

    assertThat(metron("config", "validate", dir.toString())).isZero();

    assertThat(out.toString())
        .contains("warning: parsers/auth.json: $.fieldTransformations[0].config.u:")
        .contains("Unable to resolve function named 'TO_UPPERR'")
        .contains("warning: enrichments/auth.json: $.threatIntel.triageConfig.riskLevelRules[1]")
        .contains("MAP_GET takes")
        .contains("valid");
  }

  @Test
  void validatePassesTheShippedConfig() {
    assertThat(metron("config", "validate", Path.of("../conf").toString())).isZero();
    assertThat(out.toString()).contains("valid");
  }

  @Test
  void aMissingConfigDirectoryIsOneLineNotAStackTrace() {
    assertThat(metron("config", "validate", dir.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString().trim()).doesNotContain("\n").contains("no such config directory");
  }

  @Test
  void searchPrintsATableJsonLinesOrACount() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(dir.resolve("index"))) {
      for (int i = 0; i < 5; i++) {
        store.write(
            List.of(
                Message.empty()
                    .put("guid", "g" + i)
                    .put("source.type", "bro")
                    .put("timestamp", 1_764_300_000_000L + i)
                    .put("ip_src_addr", i < 3 ? "10.0.0.1" : "10.0.0.2")
                    .put("ip_dst_port", 53L)
                    .put("protocol", "dns")));
      }
      store.commit();
    }
    String data = dir.toString();

    assertThat(metron("search", "ip_src_addr:10.0.0.1", "--data", data)).isZero();
    String[] table = out.toString().split("\n");
    assertThat(table[0]).startsWith("timestamp").contains("ip_src_addr");
    assertThat(table).hasSize(4);
    assertThat(table[1]).contains("2025-11-28T03:20:00.002Z").contains("10.0.0.1").contains("dns");

    out.getBuffer().setLength(0);
    assertThat(metron("search", "ip_src_addr:10.0.0.1", "--data", data, "--json", "--limit", "2"))
        .isZero();
    assertThat(out.toString().split("\n"))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("{\"guid\":\"g"));

    out.getBuffer().setLength(0);
    assertThat(metron("search", "*", "--data", data, "--count")).isZero();
    assertThat(out.toString().trim()).isEqualTo("5");
  }

  @Test
  void aBadQueryPointsAtTheProblem() {
    assertThat(metron("search", "ip_src_addr:(10.0.0.1", "--data", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("metron search: invalid query 'ip_src_addr:(10.0.0.1'");
    assertThat(metron("search", "*", "--since", "yesterday", "--data", dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--since expects a number and a unit");
  }
}
