package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseToolTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(ParseTool.Options options, String stdin) {
    return ParseTool.run(
        options,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesOneJsonObjectPerOutcomeInInputOrderWithStats() throws Exception {
    Path config = dir.resolve("csv.json");
    Files.writeString(
        config,
        "{\"parserClassName\": \"csv\", \"parserConfig\": {\"columns\": [\"timestamp\", \"v\"]}}");
    int status =
        run(new ParseTool.Options(config, null, null, null, null, true), "1,a\nbroken\n\n3,c\r\n");
    assertThat(status).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("\"v\":\"a\"").contains("\"source.type\":\"csv\"");
    assertThat(lines[1])
        .contains("\"error_type\":\"parser_error\"")
        .contains("\"raw_message\":\"broken\"");
    assertThat(lines[2]).contains("\"v\":\"c\"");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("lines=3 parsed=2 invalid=0 failed=1 filtered=0");
  }

  @Test
  void readsASensorFromAConfigDirectoryAndAnInputFile() throws Exception {
    Files.createDirectories(dir.resolve("conf/parsers"));
    Files.writeString(dir.resolve("conf/parsers/bro.json"), "{\"parserClassName\": \"bro\"}");
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "{\"dns\":{\"ts\":1.5,\"uid\":\"C9\"}}\n");
    int status =
        run(new ParseTool.Options(null, null, "bro", dir.resolve("conf"), input, false), "");
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"protocol\":\"dns\"");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aBadConfigIsReportedWithTheUsersFileNameAndStatus2() throws Exception {
    Path config = dir.resolve("yaf.json");
    Files.writeString(config, "{\"parserClassName\": \"grok\", \"parserConfig\": {}}");
    assertThat(run(new ParseTool.Options(config, null, null, null, null, false), "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("parsers/yaf.json: $.parserConfig.grokPath: is required");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"parserClassName\": ");
    err.reset();
    assertThat(run(new ParseTool.Options(broken, null, null, null, null, false), "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(broken.toString())
        .contains("malformed JSON");
  }

  @Test
  void docsListEveryParserWithItsOptions() {
    ParserDocs.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    String docs = out.toString(StandardCharsets.UTF_8);
    for (ParserType type : BuiltinParsers.all()) {
      assertThat(docs).contains(type.name() + "\n");
    }
    assertThat(docs)
        .contains("grokPath (string, required)")
        .contains("org.apache.metron.parsers.GrokParser");
  }
}
