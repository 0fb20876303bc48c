package io.metron.stellar.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Discovers every {@code .stellar} golden file under {@code io/metron/stellar/functions/<family>/}
 * and runs its cases. A case is one or more expression lines followed by {@code => expected} (a
 * Stellar expression whose value must equal the result, type included) or {@code => error: text}
 * (evaluation or compilation must fail with a message containing the text). An {@code @vars {json}}
 * line before a case gives its variables; {@code #} lines are comments.
 */
class GoldenFilesTest {

  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(
      String file, int line, Map<String, Object> vars, String expression, String expected) {}

  @TestFactory
  Stream<DynamicNode> goldenFiles() throws IOException, URISyntaxException {
    List<DynamicNode> families = new ArrayList<>();
    for (Path dir : familyDirectories()) {
      List<DynamicNode> files = new ArrayList<>();
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : list.filter(p -> p.toString().endsWith(".stellar")).sorted().toList()) {
          List<DynamicNode> cases = new ArrayList<>();
          for (Case c : parse(file)) {
            cases.add(
                DynamicTest.dynamicTest(
                    c.file() + ":" + c.line() + " " + c.expression(), () -> check(c)));
          }
          files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
        }
      }
      families.add(DynamicContainer.dynamicContainer(dir.getFileName().toString(), files));
    }
    return families.stream();
  }

  @Test
  void everyFamilyHasGoldenCases() throws IOException, URISyntaxException {
    List<Path> dirs = familyDirectories();
    assertThat(dirs).hasSizeGreaterThanOrEqualTo(14);
    int total = 0;
    for (Path dir : dirs) {
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : list.filter(p -> p.toString().endsWith(".stellar")).toList()) {
          int n = parse(file).size();
          assertThat(n).as(file.toString()).isPositive();
          total += n;
        }
      }
    }
    assertThat(total).isGreaterThan(150);
  }

  private static List<Path> familyDirectories() throws IOException, URISyntaxException {
    Path root = Path.of(GoldenFilesTest.class.getResource("/io/metron/stellar/functions").toURI());
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static void check(Case c) {
    VariableResolver vars = VariableResolver.of(c.vars());
    if (c.expected().startsWith("error:")) {
      String text = c.expected().substring("error:".length()).trim();
      assertThatThrownBy(
              () -> COMPILER.compile(c.expression()).evaluate(vars, StellarContext.empty()))
          .isInstanceOf(StellarException.class)
          .hasMessageContaining(text);
      return;
    }
    Object actual = COMPILER.compile(c.expression()).evaluate(vars, StellarContext.empty());
    Object expected =
        COMPILER.compile(c.expected()).evaluate(VariableResolver.empty(), StellarContext.empty());
    assertThat(actual).as(c.expression()).isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  static List<Case> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Case> cases = new ArrayList<>();
    Map<String, Object> vars = Map.of();
    StringBuilder expr = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (expr.isEmpty() && (line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      if (expr.isEmpty() && line.startsWith("@vars ")) {
        vars = JSON.readValue(line.substring(6), Map.class);
        continue;
      }
      if (line.startsWith("=> ")) {
        cases.add(
            new Case(
                file.getFileName().toString(),
                start + 1,
                vars,
                expr.toString(),
                line.substring(3).trim()));
        expr.setLength(0);
        vars = Map.of();
        continue;
      }
      if (expr.isEmpty()) {
        start = i;
      } else {
        expr.append('\n');
      }
      expr.append(line);
    }
    if (!expr.isEmpty()) {
      throw new IllegalStateException(file + ": case at line " + (start + 1) + " has no '=>'");
    }
    return cases;
  }
}
