package io.metron.cli.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.config.ConfigLoader;
import io.metron.pipeline.enrich.EnrichmentConfigCheck;
import io.metron.pipeline.enrich.LookupKey;
import io.metron.pipeline.enrich.geo.GeoFiles;
import io.metron.pipeline.enrich.geo.MmdbWriter;
import io.metron.pipeline.load.TableRow;
import io.metron.pipeline.parse.ParserConfigCheck;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import io.metron.stellar.shell.FunctionExamples;
import io.metron.streams.tables.TableStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry metron stellar composes, with real files, tables, GeoIP database and configs. */
class CliFunctionsTest {
  @TempDir Path dir;
  private Path data;
  private Path conf;
  private CliFunctions functions;
  private StellarCompiler compiler;

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createDirectories(dir.resolve("data"));
    conf = Files.createDirectories(dir.resolve("conf"));
    functions =
        CliFunctions.open(
            data,
            conf,
            new ConfigLoader(List.of(new ParserConfigCheck(), new EnrichmentConfigCheck())),
            () -> false);
    compiler = new StellarCompiler(functions.registry());
  }

  @AfterEach
  void tearDown() throws Exception {
    functions.close();
  }

  private Object eval(String expression) {
    return compiler
        .compile(expression.replace("DIR", dir.toString()))
        .evaluate(VariableResolver.empty(), StellarContext.empty());
  }

  @Test
  void onlyFunctionsOfModulesThisVersionLacksAreUnavailable() {
    FunctionRegistry registry = functions.registry();
    // Metron's 207 and PARSE_JSON_STRING
    assertThat(registry.all()).hasSize(208);
    Set<String> unavailable = new TreeSet<>();
    for (StellarFunction fn : registry.all()) {
      if (fn.descriptor().isPending()) {
        unavailable.add(fn.descriptor().name());
      }
    }
    // MaaS has no module yet; every other function of Metron's works here.
    assertThat(unavailable).containsExactly("MAAS_GET_ENDPOINT", "MAAS_MODEL_APPLY");
    assertThatThrownBy(() -> compiler.compile("MAAS_MODEL_APPLY(e, m)"))
        .isInstanceOf(StellarException.class)
        .hasMessageStartingWith("MAAS_MODEL_APPLY is not available in this deployment");
  }

  @Test
  void everyExampleOfTheComposedRegistryHolds() {
    assertThat(
            FunctionExamples.failures(
                functions.registry(), d -> !d.isPending(), StellarContext.empty()))
        .isEmpty();
  }

  @Test
  void geoGetAndEnrichmentGetReadWhatMetronLoadInstalled() throws Exception {
    Path mmdb =
        new MmdbWriter("GeoLite2-City")
            .insert(
                "203.0.113.0/24",
                Map.of(
                    "city",
                    Map.of("names", Map.of("en", "Springfield")),
                    "country",
                    Map.of("iso_code", "US")))
            .write(dir.resolve("city.mmdb"));
    GeoFiles.install(mmdb, data, Clock.systemUTC());
    try (TableStore store = TableStore.openForWriting(data)) {
      store.write(
          List.of(
              new TableRow(
                  new LookupKey("malicious_ip", "203.0.113.9"), Map.of("source", "abuse"))));
    }
    try (CliFunctions fresh = CliFunctions.open(data, conf, new ConfigLoader(), () -> false)) {
      StellarCompiler c = new StellarCompiler(fresh.registry());
      StellarContext none = StellarContext.empty();
      assertThat(
              c.compile("GEO_GET('203.0.113.9', ['city'])")
                  .evaluate(VariableResolver.empty(), none))
          .isEqualTo("Springfield");
      assertThat(
              c.compile("ENRICHMENT_GET('malicious_ip', '203.0.113.9', 'enrichment', 't')")
                  .evaluate(VariableResolver.empty(), none))
          .isEqualTo(Map.of("source", "abuse"));
      assertThat(
              c.compile("ENRICHMENT_EXISTS('malicious_ip', '10.0.0.1', 'enrichment', 't')")
                  .evaluate(VariableResolver.empty(), none))
          .isEqualTo(false);
    }
  }

  @Test
  void localAndHdfsFunctionsWorkOnLocalFiles() {
    assertThat(eval("LOCAL_WRITE('a\\nb', 'DIR/sub/f.txt')")).isEqualTo(true);
    assertThat(eval("LOCAL_READ('DIR/sub/f.txt')")).isEqualTo("a\nb");
    assertThat(eval("HDFS_READ_LINES('file://DIR/sub/f.txt')")).isEqualTo(List.of("a", "b"));
    assertThat(eval("LOCAL_LS('DIR/sub')").toString()).contains("│ f.txt ║").contains("│ 3    │");
    assertThat(eval("LOCAL_READ('DIR/none')")).isNull();
    assertThat(eval("HDFS_RM('DIR/sub')")).isEqualTo(false); // not empty, not recursive
    assertThat(eval("HDFS_RM('DIR/sub', true)")).isEqualTo(true);
    assertThat(Files.exists(dir.resolve("sub"))).isFalse();
    assertThatThrownBy(() -> eval("HDFS_WRITE('x', 'hdfs://namenode/x')"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("HDFS_WRITE: hdfs://namenode/x: hdfs:// needs a Hadoop client");
    assertThatThrownBy(() -> eval("LOCAL_LS('DIR/none')"))
        .hasMessageContaining("LOCAL_LS: no such file or directory");
  }

  @Test
  void configPutValidatesAndWritesWhatConfigGetThenReads() throws Exception {
    assertThat(eval("CONFIG_GET('PARSER', 'auth')")).isEqualTo("{}");
    assertThat(eval("CONFIG_GET('PARSER', 'auth', false)")).isNull();
    eval(
        "CONFIG_PUT('PARSER', '{\"parserClassName\":"
            + " \"org.apache.metron.parsers.json.JSONMapParser\"}', 'auth')");
    assertThat(Files.readString(conf.resolve("parsers/auth.json"), StandardCharsets.UTF_8))
        .contains("JSONMapParser");
    assertThat(eval("MAP_GET('parserClassName', TO_JSON_MAP(CONFIG_GET('PARSER', 'auth')))"))
        .isEqualTo("org.apache.metron.parsers.json.JSONMapParser");
    // PARSER_INIT without a config reads the one just written.
    assertThat(
            eval(
                "MAP_GET('a', GET(PARSER_PARSE(PARSER_INIT('auth'), '{\"a\": 1, \"timestamp\":"
                    + " 1}'), 0))"))
        .isEqualTo(1L);
    assertThatThrownBy(
            () -> eval("CONFIG_PUT('PARSER', '{\"parserClassName\": \"NoSuch\"}', 'auth')"))
        .hasMessageContaining("CONFIG_PUT: not written: $.parserClassName");
    assertThatThrownBy(
            () ->
                eval(
                    "CONFIG_PUT('ENRICHMENT', '{\"enrichment\": {\"fieldMap\": {\"stellar\":"
                        + " {\"config\": {\"x\": \"NO_SUCH_FN(1\"}}}}}', 'auth')"))
        .hasMessageContaining("CONFIG_PUT: not written");
    assertThat(Files.exists(conf.resolve("enrichments/auth.json"))).isFalse();
    assertThatThrownBy(() -> eval("CONFIG_GET('PARSER')")).hasMessageContaining("needs the sensor");
    assertThatThrownBy(() -> eval("CONFIG_GET('OTHER')")).hasMessageContaining("type must be");
  }

  @Test
  void shellEditRunsTheEditorOnlyWithATerminal() {
    ShellEdit withTerminal =
        new ShellEdit(() -> true, name -> name.equals("EDITOR") ? "sed -i s/draft/final/" : null);
    StellarCompiler c =
        new StellarCompiler(FunctionRegistry.builtin().with(withTerminal.function()));
    assertThat(
            c.compile("SHELL_EDIT('a draft')")
                .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .isEqualTo("a final");
    ShellEdit failing = new ShellEdit(() -> true, name -> name.equals("VISUAL") ? "false" : null);
    assertThatThrownBy(
            () ->
                new StellarCompiler(FunctionRegistry.builtin().with(failing.function()))
                    .compile("SHELL_EDIT()")
                    .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .hasMessageContaining("the editor 'false' exited with status 1");
    assertThatThrownBy(() -> eval("SHELL_EDIT('x')"))
        .hasMessageContaining("SHELL_EDIT needs the interactive shell on a terminal");
  }
}
