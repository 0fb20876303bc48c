package io.metron.pipeline.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import io.metron.stellar.shell.FunctionExamples;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The management functions, run against the real parsers, triage and grok. */
class PipelineFunctionsTest {
  private static final String AUTH_CSV =
      "{\"parserClassName\": \"org.apache.metron.parsers.csv.CSVParser\", \"parserConfig\":"
          + " {\"columns\": {\"timestamp\": 0, \"user\": 1, \"action\": 2}}}";

  private final FunctionRegistry registry =
      PipelineFunctions.extend(
          FunctionRegistry.builtin(),
          GeoLookup.none(),
          EnrichmentLookup.none(),
          sensor -> sensor.equals("auth") ? Optional.of(AUTH_CSV) : Optional.empty(),
          null);
  private final StellarCompiler compiler = new StellarCompiler(registry);
  private final Map<String, Object> vars = new HashMap<>();

  private Object eval(String expression) {
    return compiler.compile(expression).evaluate(VariableResolver.of(vars), StellarContext.empty());
  }

  private Object set(String name, String expression) {
    Object value = eval(expression);
    vars.put(name, value);
    return value;
  }

  @Test
  void everyExampleOfThisModulesFunctionsHolds() {
    assertThat(
            FunctionExamples.failures(
                registry,
                d ->
                    !FunctionRegistry.builtin().find(d.name()).orElseThrow().descriptor().equals(d),
                StellarContext.empty()))
        .isEmpty();
  }

  @Test
  void thisModuleReplacesItsPlaceholdersEachWithAnExample() {
    List<String> names =
        List.of(
            "GEO_GET",
            "ASN_GET",
            "ENRICHMENT_GET",
            "ENRICHMENT_EXISTS",
            "OBJECT_GET",
            "ENRICHMENT_OBJECT_GET",
            "REST_GET",
            "REST_POST",
            "PARSER_CONFIG",
            "PARSER_INIT",
            "PARSER_PARSE",
            "PARSER_STELLAR_TRANSFORM_ADD",
            "PARSER_STELLAR_TRANSFORM_PRINT",
            "PARSER_STELLAR_TRANSFORM_REMOVE",
            "ENRICHMENT_STELLAR_TRANSFORM_ADD",
            "ENRICHMENT_STELLAR_TRANSFORM_PRINT",
            "ENRICHMENT_STELLAR_TRANSFORM_REMOVE",
            "INDEXING_SET_BATCH",
            "INDEXING_SET_ENABLED",
            "INDEXING_SET_INDEX",
            "THREAT_TRIAGE_ADD",
            "THREAT_TRIAGE_CONFIG",
            "THREAT_TRIAGE_INIT",
            "THREAT_TRIAGE_PRINT",
            "THREAT_TRIAGE_REMOVE",
            "THREAT_TRIAGE_SCORE",
            "THREAT_TRIAGE_SET_AGGREGATOR",
            "GROK_EVAL",
            "GROK_PREDICT");
    for (String name : names) {
      StellarFunction fn = registry.find(name).orElseThrow();
      assertThat(fn.descriptor().isPending()).as(name).isFalse();
      assertThat(FunctionRegistry.builtin().find(name).orElseThrow().descriptor().isPending())
          .as(name)
          .isTrue();
    }
  }

  @Test
  void aParserTransformationBuiltInTheReplRunsInTheRealParser() {
    set(
        "config",
        "PARSER_STELLAR_TRANSFORM_ADD(PARSER_CONFIG(PARSER_INIT('auth')), {'who':"
            + " 'TO_UPPER(user)'})");
    set("parser", "PARSER_INIT('auth', config)");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> out =
        (List<Map<String, Object>>)
            eval("PARSER_PARSE(parser, ['1700000000000,alice,login', '1700000001000,bob,logout'])");
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).containsEntry("who", "ALICE").containsEntry("action", "login");
    assertThat(out.get(1)).containsEntry("who", "BOB").containsEntry("source.type", "auth");
    assertThat(eval("TO_STRING(parser)")).isEqualTo("Parser{2 successful, 0 error(s)}");
    assertThat(eval("PARSER_STELLAR_TRANSFORM_PRINT(config)").toString())
        .contains("║ who   │ TO_UPPER(user) ║");
  }

  @Test
  void parserInitReportsWhatIsWrong() {
    assertThatThrownBy(() -> eval("PARSER_INIT('nosuch')"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("no parser config for sensor 'nosuch'");
    assertThatThrownBy(() -> eval("PARSER_INIT('x', {'parserClassName': 'NoSuchParser'})"))
        .hasMessageContaining("PARSER_INIT: $.parserClassName");
    assertThatThrownBy(() -> eval("PARSER_INIT('x', '{not json')"))
        .hasMessageContaining("PARSER_INIT: the config is not valid JSON");
  }

  @Test
  void triageRulesBuiltInTheReplScoreMessagesAsTheEnrichmentStageWould() {
    set(
        "config",
        "THREAT_TRIAGE_ADD('', [{'name': 'big', 'rule': 'bytes > 1000', 'score': 50, 'reason':"
            + " \"FORMAT('large: %d', bytes)\"}, {'name': 'any', 'rule': 'true', 'score': 'bytes /"
            + " 100'}])");
    set("config", "THREAT_TRIAGE_SET_AGGREGATOR(config, 'SUM')");
    set("engine", "THREAT_TRIAGE_INIT(config)");
    @SuppressWarnings("unchecked")
    Map<String, Object> scored =
        (Map<String, Object>) eval("THREAT_TRIAGE_SCORE({'bytes': 2000}, engine)");
    assertThat(scored).containsEntry("score", 70.0).containsEntry("aggregator", "SUM");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules = (List<Map<String, Object>>) scored.get("rules");
    assertThat(rules).extracting(r -> r.get("name")).containsExactly("big", "any");
    assertThat(rules.get(0)).containsEntry("reason", "large: 2000").containsEntry("score", 50.0);
    assertThat(eval("THREAT_TRIAGE_PRINT(engine)").toString())
        .contains("║ big  │         │ bytes > 1000 │ 50          │ FORMAT('large: %d', bytes) ║")
        .endsWith("Aggregation: SUM");
    assertThat(eval("THREAT_TRIAGE_PRINT(THREAT_TRIAGE_REMOVE(config, ['big', 'true']))"))
        .isEqualTo(eval("THREAT_TRIAGE_PRINT('')"));
    assertThatThrownBy(
            () ->
                eval(
                    "THREAT_TRIAGE_INIT(THREAT_TRIAGE_ADD('', {'rule': 'NO_SUCH(x', 'score':"
                        + " 1}))"))
        .hasMessageContaining("THREAT_TRIAGE_INIT: triageConfig.riskLevelRules[0].rule");
    assertThatThrownBy(() -> eval("THREAT_TRIAGE_SET_AGGREGATOR('', 'MEDIAN')"))
        .hasMessageContaining("unknown aggregator 'MEDIAN'");
  }

  @Test
  void enrichmentAndIndexingEditsKeepTheRestOfTheConfig() {
    set("config", "'{\"enrichment\": {\"fieldMap\": {\"geo\": [\"ip_dst_addr\"]}}}'");
    set("config", "ENRICHMENT_STELLAR_TRANSFORM_ADD(config, 'ENRICHMENT', {'a': '1', 'b': '2'})");
    assertThat(
            eval("MAP_GET('geo', MAP_GET('fieldMap', MAP_GET('enrichment', TO_JSON_MAP(config))))"))
        .isEqualTo(List.of("ip_dst_addr"));
    assertThat(
            eval("ENRICHMENT_STELLAR_TRANSFORM_PRINT(ENRICHMENT_STELLAR_TRANSFORM_REMOVE(config,"
                    + " 'ENRICHMENT', ['a']), 'ENRICHMENT')")
                .toString())
        .contains("(default) │ b     │ 2")
        .doesNotContain("│ a ");
    assertThatThrownBy(() -> eval("ENRICHMENT_STELLAR_TRANSFORM_ADD('', 'OTHER', {})"))
        .hasMessageContaining("type must be ENRICHMENT or THREAT_INTEL");
    set(
        "idx",
        "INDEXING_SET_ENABLED(INDEXING_SET_BATCH(INDEXING_SET_INDEX('', 'hdfs', 'squid'), 'hdfs',"
            + " 100, 5), 'hdfs', false)");
    assertThat(eval("TO_JSON_MAP(idx)"))
        .isEqualTo(
            Map.of(
                "hdfs",
                Map.of("index", "squid", "batchSize", 100, "batchTimeout", 5, "enabled", false)));
  }

  @Test
  void grokPredictGuessesAnExpressionThatGrokEvalMatches() {
    String line = "2024-05-01T10:00:00Z 10.1.2.3 GET /index.html 200 \"Mozilla 5\"";
    vars.put("line", line);
    Object predicted = eval("GROK_PREDICT(line)");
    assertThat(predicted)
        .isEqualTo("%{TIMESTAMP_ISO8601} %{IP} %{WORD} %{UNIXPATH} %{NUMBER} %{QUOTEDSTRING}");
    String table = eval("GROK_EVAL(GROK_PREDICT(line), line)").toString();
    assertThat(table)
        .contains("10.1.2.3")
        .contains("/index.html")
        .contains("IP")
        .contains("NUMBER");
    assertThat(
            eval("GROK_EVAL('%{IP:ip} %{WORD:verb}', ['10.0.0.1 GET', 'nothing here'])").toString())
        .contains("║ 10.0.0.1 │ GET     ║")
        .contains("MISSING");
    assertThatThrownBy(() -> eval("GROK_EVAL('%{NOPE:x}', line)"))
        .hasMessageContaining("GROK_EVAL: unknown grok pattern %{NOPE}");
    assertThat(eval("GROK_EVAL(null, line)")).isNull();
  }

  @Test
  void descriptorsOfThisModuleDocumentEveryParameter() {
    for (StellarFunction fn : registry.all()) {
      FunctionDescriptor d = fn.descriptor();
      if (!d.isPending()) {
        assertThat(d.description()).as(d.name()).isNotBlank();
      }
    }
  }
}
