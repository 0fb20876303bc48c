package io.metron.stellar.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StellarShellTest {

  private final StellarShell shell =
      new StellarShell(new StellarCompiler(FunctionRegistry.builtin()));

  @Test
  void assignmentsDefineVariablesForLaterLines() {
    assertThat(shell.execute("x := 2 + 3").output()).isEqualTo("5");
    assertThat(shell.execute("y := x * 2").output()).isEqualTo("10");
    assertThat(shell.execute("y + 1").output()).isEqualTo("11");
    assertThat(shell.variables()).containsEntry("x", 5).containsEntry("y", 10);
    assertThat(shell.execute("%vars").output()).contains("x = 5   via   2 + 3");
    assertThat(shell.execute("SHELL_GET_EXPRESSION('y')").output()).isEqualTo("x * 2");
    assertThat(shell.execute("SHELL_VARS2MAP('x', 'nope')").output()).isEqualTo("{\"x\":5}");
    assertThat(shell.execute("SHELL_LIST_VARS()").output())
        .contains("║ x        │ 5     │ 2 + 3      ║");
  }

  @Test
  void valuesPrintReadably() {
    assertThat(shell.execute("'text'").output()).isEqualTo("text");
    assertThat(shell.execute("[1, 'a']").output()).isEqualTo("[1,\"a\"]");
    assertThat(shell.execute("null").output()).isEqualTo("null");
    assertThat(shell.execute("1.5").output()).isEqualTo("1.5");
  }

  @Test
  void magicsListDocumentAndDefine() {
    assertThat(shell.execute("%functions DOMAIN").output())
        .isEqualTo(
            "DOMAIN_REMOVE_SUBDOMAINS, DOMAIN_REMOVE_TLD, DOMAIN_TO_TLD, DOMAIN_TYPOSQUAT,"
                + " IS_DOMAIN");
    assertThat(shell.execute("%functions").output()).contains("TO_UPPER").contains("GEO_GET");
    String doc = shell.execute("%doc to_upper").output();
    assertThat(doc).startsWith("TO_UPPER(input)").contains("Example: TO_UPPER('abc')");
    assertThat(shell.execute("?GEO_GET").output())
        .contains(
            "UNAVAILABLE: GEO_GET is not available in this deployment: provided by"
                + " metron-pipeline");
    assertThat(shell.execute("%define threshold := 10").output()).isEqualTo("threshold := 10");
    assertThat(shell.execute("%globals").output()).isEqualTo("{\"threshold\":10}");
    assertThat(shell.execute("%undefine threshold").error()).isFalse();
    assertThat(shell.execute("%globals").output()).isEqualTo("{}");
  }

  @Test
  void mistakesAreErrorResultsAndQuitStops() {
    assertThat(shell.execute("1 +").error()).isTrue();
    assertThat(shell.execute("1 +").output()).startsWith("[!] syntax error");
    assertThat(shell.execute("%nope").output()).contains("unknown magic");
    assertThat(shell.execute("%doc NOPE").output()).contains("no function named NOPE");
    assertThat(shell.execute("%define oops").error()).isTrue();
    assertThat(shell.execute("# a comment").output()).isEmpty();
    assertThat(shell.execute("").output()).isEmpty();
    assertThat(shell.execute("quit").quit()).isTrue();
  }

  @Test
  void completionOffersFunctionsVariablesAndMagics() {
    shell.execute("my_var := 1");
    assertThat(shell.completions()).contains("TO_UPPER(", "my_var", "%functions", "%doc");
  }

  @Test
  void theInteractiveLoopRunsOnAStreamTerminalAndKeepsHistory(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    String input = "a := 20\na + 1\n%functions TO_UP\nquit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new InteractiveShell(shell)
        .run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, history);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("21").contains("TO_UPPER");
    assertThat(Files.readString(history)).contains("a := 20");
  }

  @Test
  void theToolEvaluatesListsAndBatches() throws Exception {
    StellarTool tool = new StellarTool(FunctionRegistry.builtin());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(tool.evaluate("x * 2", "{\"x\": 21}", o, e)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("42");
    assertThat(tool.evaluate("1 +", null, o, e)).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: syntax error");
    assertThat(tool.evaluate("1", "[1]", o, e)).isEqualTo(2);
    assertThat(tool.evaluate("1", "{bad", o, e)).isEqualTo(2);
    // an unknown function in a branch not taken: a warning, and the value
    err.reset();
    out.reset();
    assertThat(tool.evaluate("true or NOPE_FN()", null, o, e)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("true");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("warning: Unable to resolve function named 'NOPE_FN'.")
        .contains("(line 1, column 9)");
    out.reset();
    assertThat(tool.list(o)).isZero();
    String list = out.toString(StandardCharsets.UTF_8);
    assertThat(list.lines().count())
        .isEqualTo(io.metron.stellar.FunctionRegistry.builtin().all().size());
    assertThat(list)
        .contains("MAP_GET(key, map, default?) - Looks a key up in a map.")
        .contains(
            "GEO_GET(ip, fields?) - MaxMind GeoLite2 City lookup of an IP address. [UNAVAILABLE:"
                + " provided by metron-pipeline]");
    out.reset();
    tool.batch(
        new ByteArrayInputStream("{\"expr\": \"2 * 2\"}\n".getBytes(StandardCharsets.UTF_8)), out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"result\":4,\"type\":\"Integer\"}\n");
    assertThat(StellarTool.parseVars("{\"n\": {\"m\": [1]}}"))
        .isEqualTo(Map.of("n", Map.of("m", java.util.List.of(1))));
  }
}
