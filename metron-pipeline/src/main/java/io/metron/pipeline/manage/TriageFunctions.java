package io.metron.pipeline.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.RiskLevelRule;
import io.metron.core.config.TriageConfig;
import io.metron.pipeline.enrich.triage.RuleScore;
import io.metron.pipeline.enrich.triage.ThreatTriage;
import io.metron.pipeline.enrich.triage.TriageResult;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code THREAT_TRIAGE_INIT}, {@code THREAT_TRIAGE_SCORE} and {@code THREAT_TRIAGE_CONFIG}: build
 * the enrichment stage's real triage from an enrichment config and score messages with it in the
 * REPL, so a rule is tried before it is deployed.
 */
final class TriageFunctions {
  private TriageFunctions() {}

  /**
   * A triage engine from {@code THREAT_TRIAGE_INIT}.
   *
   * @param configJson the enrichment config it was built from
   * @param triage its compiled rules
   * @param config its triage config
   */
  record Engine(String configJson, ThreatTriage triage, TriageConfig config) {
    @Override
    public String toString() {
      return "ThreatTriage{" + triage.size() + " rule(s), aggregator " + aggregator() + "}";
    }

    String aggregator() {
      return config.aggregator() == null ? "MAX" : config.aggregator();
    }
  }

  /** The functions; rules compile against {@code functions} (the registry they belong to). */
  static List<StellarFunction> all(Supplier<FunctionRegistry> functions) {
    return List.of(init(functions), score(), config());
  }

  static StellarFunction init(Supplier<FunctionRegistry> functions) {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_INIT")
            .param("config", "String", "an enrichment config (JSON) with threatIntel.triageConfig")
            .returns("a triage engine for THREAT_TRIAGE_SCORE, THREAT_TRIAGE_CONFIG and _PRINT")
            .description(
                "Builds the triage of an enrichment config; a rule that does not compile is an"
                    + " error naming its path.")
            .example(
                "MAP_GET('score', THREAT_TRIAGE_SCORE({'x': 1}, THREAT_TRIAGE_INIT("
                    + "THREAT_TRIAGE_ADD('{}', {'rule': 'x == 1', 'score': 10}))))",
                "10.0")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String json = ConfigJson.write(ConfigJson.read("THREAT_TRIAGE_INIT", args.get(0)));
          TriageConfig triage;
          try {
            triage = ConfigLoader.enrichmentConfig("repl", json).threatIntel().triageConfig();
          } catch (ConfigException e) {
            throw new StellarException("THREAT_TRIAGE_INIT: " + problems(e));
          }
          List<String> problems = new ArrayList<>();
          ThreatTriage compiled =
              ThreatTriage.compile(
                  triage,
                  new StellarCompiler(functions.get()),
                  (path, message) -> problems.add("triageConfig." + path + ": " + message));
          if (!problems.isEmpty()) {
            throw new StellarException("THREAT_TRIAGE_INIT: " + String.join("; ", problems));
          }
          return new Engine(json, compiled, triage);
        });
  }

  static String problems(ConfigException e) {
    List<String> lines = new ArrayList<>();
    e.problems().forEach(p -> lines.add(p.path() + ": " + p.message()));
    return String.join("; ", lines);
  }

  static StellarFunction score() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_SCORE")
            .param("message", "Map or String", "the message, as a map or JSON")
            .param("engine", "Engine", "from THREAT_TRIAGE_INIT")
            .returns(
                "Map: score (the aggregate), rules (each matched rule's name, comment, score and"
                    + " reason), aggregator and aggregationConfig")
            .description("Scores a message with a triage engine, as the enrichment stage would.")
            .example(
                "LENGTH(MAP_GET('rules', THREAT_TRIAGE_SCORE('{\"x\": 2}', THREAT_TRIAGE_INIT("
                    + "THREAT_TRIAGE_ADD('{}', {'rule': 'x == 1', 'score': 10})))))",
                "0")
            .nondeterministic()
            .build(),
        (args, context) -> {
          Map<String, Object> message = message(args.get(0));
          if (!(args.get(1) instanceof Engine engine)) {
            throw new StellarException(
                "THREAT_TRIAGE_SCORE: engine must come from THREAT_TRIAGE_INIT, got "
                    + args.get(1));
          }
          TriageResult result = engine.triage().score(VariableResolver.of(message), context);
          if (!result.errors().isEmpty()) {
            throw new StellarException(
                "THREAT_TRIAGE_SCORE: " + String.join("; ", result.errors()));
          }
          List<Map<String, Object>> rules = new ArrayList<>();
          for (RuleScore matched : result.rules()) {
            RiskLevelRule rule = matched.rule();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rule.name());
            r.put("comment", rule.comment());
            r.put("score", matched.score());
            r.put("reason", matched.reason());
            rules.add(r);
          }
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("score", result.score());
          out.put("rules", rules);
          out.put("aggregator", engine.aggregator());
          out.put("aggregationConfig", engine.config().aggregationConfig());
          return out;
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Object value) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    if (value instanceof String json) {
      try {
        Object parsed = ConfigJson.JSON.readValue(json, Object.class);
        if (parsed instanceof Map<?, ?> map) {
          return (Map<String, Object>) map;
        }
      } catch (JsonProcessingException e) {
        throw new StellarException(
            "THREAT_TRIAGE_SCORE: the message is not valid JSON: " + e.getOriginalMessage());
      }
    }
    throw new StellarException(
        "THREAT_TRIAGE_SCORE: the message must be a map or a JSON object, got " + value);
  }

  static StellarFunction config() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_CONFIG")
            .param("engine", "Engine", "from THREAT_TRIAGE_INIT")
            .returns("String: the enrichment config the engine was built from")
            .description("The config of a triage engine.")
            .example(
                "MAP_EXISTS('threatIntel', TO_JSON_MAP(THREAT_TRIAGE_CONFIG(THREAT_TRIAGE_INIT("
                    + "THREAT_TRIAGE_ADD('{}', {'rule': 'true', 'score': 1})))))",
                "true")
            .nondeterministic()
            .build(),
        (args, context) -> {
          if (!(args.get(0) instanceof Engine engine)) {
            throw new StellarException(
                "THREAT_TRIAGE_CONFIG: engine must come from THREAT_TRIAGE_INIT, got "
                    + args.get(0));
          }
          return engine.configJson();
        });
  }
}
