package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParserConfigCheckTest {
  @TempDir Path dir;

  private void write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  @Test
  void reportsEveryParserProblemWithFileAndPath() throws Exception {
    write(
        "parsers/good.json",
        "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\"}");
    write(
        "parsers/unknown.json",
        "{\"parserClassName\": \"org.apache.metron.parsers.BluecoatParser\"}");
    write(
        "parsers/yaf.json",
        "{\"parserClassName\": \"grok\", \"parserConfig\": {\"patternLabel\": \"X\"}}");
    write(
        "parsers/stellar.json",
        """
        { "parserClassName": "bro", "filterClassName": "STELLAR",
          "parserConfig": { "filter.query": "exists(" },
          "fieldTransformations": [ { "transformation": "STELLAR", "output": ["x"],
                                      "config": { "x": "NO_SUCH_FUNCTION(a" } } ] }
        """);
    write(
        "global.json",
        """
        { "fieldValidations": [ { "input": "a", "validation": "STELLAR", "config": { "condition": "(" } },
                                { "input": "a", "validation": "COLOR" } ],
          "parser.groups": [ { "name": "g1", "sensors": ["good", "ghost"] } ] }
        """);
    List<ConfigProblem> problems =
        new ConfigLoader(List.of(new ParserConfigCheck())).read(dir).problems().errors();
    List<String> text = problems.stream().map(ConfigProblem::toString).toList();
    assertThat(text)
        .anyMatch(t -> t.startsWith("parsers/unknown.json: $.parserClassName: unknown parser"))
        .anyMatch(t -> t.startsWith("parsers/yaf.json: $.parserConfig.grokPath: is required"))
        .anyMatch(t -> t.startsWith("parsers/stellar.json: $.fieldTransformations[0].config.x:"))
        .anyMatch(t -> t.startsWith("parsers/stellar.json: $.parserConfig['filter.query']:"))
        .anyMatch(t -> t.startsWith("global.json: $.fieldValidations[0].config.condition:"))
        .anyMatch(
            t -> t.startsWith("global.json: $.fieldValidations[1].validation: unknown validation"))
        .anyMatch(t -> t.contains("'ghost'"))
        .noneMatch(t -> t.startsWith("parsers/good.json"));
    assertThat(text.stream().filter(t -> t.contains("fieldValidations[0]")).count()).isEqualTo(1);
  }
}
