package io.metron.pipeline.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.pipeline.enrich.triage.Aggregator;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Metron's REPL functions that edit configs given as JSON strings and return the edited JSON: the
 * STELLAR field transformation of a parser config, the Stellar enrichment assignments and the
 * triage rules of an enrichment config, and a writer's settings in an indexing config.
 */
final class ConfigEditFunctions {
  private ConfigEditFunctions() {}

  static List<StellarFunction> all() {
    return List.of(
        parserTransformAdd(),
        parserTransformRemove(),
        parserTransformPrint(),
        enrichmentTransformAdd(),
        enrichmentTransformRemove(),
        enrichmentTransformPrint(),
        indexingSetBatch(),
        indexingSetEnabled(),
        indexingSetIndex(),
        triageAdd(),
        triageRemove(),
        triagePrint(),
        triageSetAggregator());
  }

  // ---- parser configs: fieldTransformations[transformation = STELLAR] ----

  private static ObjectNode stellarTransformation(String function, ObjectNode config) {
    ArrayNode transformations = ConfigJson.array(function, config, "fieldTransformations");
    for (JsonNode t : transformations) {
      if (t instanceof ObjectNode o && "STELLAR".equals(o.path("transformation").asText())) {
        return o;
      }
    }
    ObjectNode created = transformations.addObject();
    created.putArray("input");
    created.putArray("output");
    created.put("transformation", "STELLAR");
    created.putObject("config");
    return created;
  }

  static StellarFunction parserTransformAdd() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_STELLAR_TRANSFORM_ADD")
            .param("sensorConfig", "String", "a parser config (JSON)")
            .param("stellarTransforms", "Map", "field name to Stellar expression")
            .returns(
                "String: the parser config with the fields added to its STELLAR transformation")
            .description(
                "Adds fields to a parser config's STELLAR field transformation (creating it),"
                    + " listing each in its output.")
            .example(
                "MAP_GET('output', GET(MAP_GET('fieldTransformations',"
                    + " TO_JSON_MAP(PARSER_STELLAR_TRANSFORM_ADD('{}', {'up': 'TO_UPPER(x)'}))),"
                    + " 0))",
                "['up']")
            .build(),
        (args, context) -> {
          String fn = "PARSER_STELLAR_TRANSFORM_ADD";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Map<?, ?> add = map(fn, "stellarTransforms", args.get(1));
          ObjectNode stellar = stellarTransformation(fn, config);
          ObjectNode assignments = ConfigJson.object(fn, stellar, "config");
          ArrayNode output = ConfigJson.array(fn, stellar, "output");
          Set<String> listed = texts(output);
          for (Map.Entry<?, ?> e : add.entrySet()) {
            String field = String.valueOf(e.getKey());
            assignments.set(field, ConfigJson.tree(e.getValue()));
            if (listed.add(field)) {
              output.add(field);
            }
          }
          return ConfigJson.write(config);
        });
  }

  static StellarFunction parserTransformRemove() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_STELLAR_TRANSFORM_REMOVE")
            .param("sensorConfig", "String", "a parser config (JSON)")
            .param("stellarTransforms", "List", "the field names to remove")
            .returns("String: the parser config without those fields")
            .description(
                "Removes fields from a parser config's STELLAR field transformation and its"
                    + " output.")
            .example(
                "PARSER_STELLAR_TRANSFORM_PRINT(PARSER_STELLAR_TRANSFORM_REMOVE("
                    + "PARSER_STELLAR_TRANSFORM_ADD('{}', {'a': '1', 'b': '2'}), ['a']))",
                "PARSER_STELLAR_TRANSFORM_PRINT(PARSER_STELLAR_TRANSFORM_ADD('{}', {'b': '2'}))")
            .build(),
        (args, context) -> {
          String fn = "PARSER_STELLAR_TRANSFORM_REMOVE";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Set<String> remove = strings(fn, "stellarTransforms", args.get(1));
          ObjectNode stellar = stellarTransformation(fn, config);
          ConfigJson.object(fn, stellar, "config").remove(remove);
          removeTexts(ConfigJson.array(fn, stellar, "output"), remove);
          return ConfigJson.write(config);
        });
  }

  static StellarFunction parserTransformPrint() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PARSER_STELLAR_TRANSFORM_PRINT")
            .param("sensorConfig", "String", "a parser config (JSON)")
            .returns("String: a table of the STELLAR transformation's fields and expressions")
            .description("Prints a parser config's STELLAR field transformations as a table.")
            .example(
                "'TO_UPPER(x)' in PARSER_STELLAR_TRANSFORM_PRINT("
                    + "PARSER_STELLAR_TRANSFORM_ADD('', {'up': 'TO_UPPER(x)'}))",
                "true")
            .build(),
        (args, context) -> {
          String fn = "PARSER_STELLAR_TRANSFORM_PRINT";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          List<List<String>> rows = new ArrayList<>();
          for (JsonNode t : config.path("fieldTransformations")) {
            if ("STELLAR".equals(t.path("transformation").asText())) {
              t.path("config")
                  .properties()
                  .forEach(e -> rows.add(List.of(e.getKey(), ConfigJson.text(e.getValue()))));
            }
          }
          return TextTable.of(List.of("Field", "Transformation"), rows);
        });
  }

  // ---- enrichment configs: <enrichment|threatIntel>.fieldMap.stellar.config ----

  private static String section(String function, Object type) {
    String t = type == null ? "" : type.toString().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "ENRICHMENT" -> "enrichment";
      case "THREAT_INTEL", "THREATINTEL" -> "threatIntel";
      default ->
          throw new StellarException(
              function + ": type must be ENRICHMENT or THREAT_INTEL, got " + type);
    };
  }

  private static ObjectNode stellarAssignments(String function, ObjectNode config, Object type) {
    ObjectNode section = ConfigJson.object(function, config, section(function, type));
    ObjectNode fieldMap = ConfigJson.object(function, section, "fieldMap");
    ObjectNode stellar = ConfigJson.object(function, fieldMap, "stellar");
    return ConfigJson.object(function, stellar, "config");
  }

  static StellarFunction enrichmentTransformAdd() {
    return StellarFunction.of(
        FunctionDescriptor.builder("ENRICHMENT_STELLAR_TRANSFORM_ADD")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param("type", "String", "ENRICHMENT or THREAT_INTEL")
            .param("stellarTransforms", "Map", "field name to Stellar expression")
            .optional("group", "String", "the group to add them to (groups run in parallel)")
            .returns("String: the enrichment config with the assignments added")
            .description(
                "Adds Stellar assignments to an enrichment config's stellar adapter, optionally in"
                    + " a group.")
            .example(
                "MAP_GET('g', MAP_GET('config', MAP_GET('stellar', MAP_GET('fieldMap',"
                    + " MAP_GET('enrichment', TO_JSON_MAP(ENRICHMENT_STELLAR_TRANSFORM_ADD('{}',"
                    + " 'ENRICHMENT', {'x': '1'}, 'g')))))))",
                "{'x': '1'}")
            .build(),
        (args, context) -> {
          String fn = "ENRICHMENT_STELLAR_TRANSFORM_ADD";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          ObjectNode assignments = stellarAssignments(fn, config, args.get(1));
          Map<?, ?> add = map(fn, "stellarTransforms", args.get(2));
          Object group = args.size() > 3 ? args.get(3) : null;
          ObjectNode target =
              group == null ? assignments : ConfigJson.object(fn, assignments, group.toString());
          add.forEach((k, v) -> target.set(String.valueOf(k), ConfigJson.tree(v)));
          return ConfigJson.write(config);
        });
  }

  static StellarFunction enrichmentTransformRemove() {
    return StellarFunction.of(
        FunctionDescriptor.builder("ENRICHMENT_STELLAR_TRANSFORM_REMOVE")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param("type", "String", "ENRICHMENT or THREAT_INTEL")
            .param("stellarTransforms", "List", "the field names to remove")
            .optional("group", "String", "the group to remove them from")
            .returns("String: the enrichment config without those assignments")
            .description(
                "Removes Stellar assignments from an enrichment config; a group left empty goes.")
            .example(
                "ENRICHMENT_STELLAR_TRANSFORM_PRINT(ENRICHMENT_STELLAR_TRANSFORM_REMOVE("
                    + "ENRICHMENT_STELLAR_TRANSFORM_ADD('{}', 'ENRICHMENT', {'x': '1'}, 'g'),"
                    + " 'ENRICHMENT', ['x'], 'g'), 'ENRICHMENT')",
                "ENRICHMENT_STELLAR_TRANSFORM_PRINT('{}', 'ENRICHMENT')")
            .build(),
        (args, context) -> {
          String fn = "ENRICHMENT_STELLAR_TRANSFORM_REMOVE";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          ObjectNode assignments = stellarAssignments(fn, config, args.get(1));
          Set<String> remove = strings(fn, "stellarTransforms", args.get(2));
          Object group = args.size() > 3 ? args.get(3) : null;
          if (group == null) {
            assignments.remove(remove);
          } else if (assignments.get(group.toString()) instanceof ObjectNode g) {
            g.remove(remove);
            if (g.isEmpty()) {
              assignments.remove(group.toString());
            }
          }
          return ConfigJson.write(config);
        });
  }

  static StellarFunction enrichmentTransformPrint() {
    return StellarFunction.of(
        FunctionDescriptor.builder("ENRICHMENT_STELLAR_TRANSFORM_PRINT")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param("type", "String", "ENRICHMENT or THREAT_INTEL")
            .returns("String: a table of group, field and expression; (default) for no group")
            .description("Prints an enrichment config's Stellar assignments as a table.")
            .example(
                "'(default)' in"
                    + " ENRICHMENT_STELLAR_TRANSFORM_PRINT(ENRICHMENT_STELLAR_TRANSFORM_ADD('{}',"
                    + " 'THREAT_INTEL', {'x': 'TO_LOWER(y)'}), 'THREAT_INTEL')",
                "true")
            .build(),
        (args, context) -> {
          String fn = "ENRICHMENT_STELLAR_TRANSFORM_PRINT";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          JsonNode assignments =
              config.path(section(fn, args.get(1))).path("fieldMap").path("stellar").path("config");
          List<List<String>> rows = new ArrayList<>();
          assignments
              .properties()
              .forEach(
                  e -> {
                    if (e.getValue().isObject()) {
                      e.getValue()
                          .properties()
                          .forEach(
                              f ->
                                  rows.add(
                                      List.of(
                                          e.getKey(), f.getKey(), ConfigJson.text(f.getValue()))));
                    } else {
                      rows.add(List.of("(default)", e.getKey(), ConfigJson.text(e.getValue())));
                    }
                  });
          return TextTable.of(List.of("Group", "Field", "Transformation"), rows);
        });
  }

  // ---- indexing configs: <writer>.{batchSize, batchTimeout, enabled, index} ----

  private static ObjectNode writer(String function, ObjectNode config, Object writer) {
    if (writer == null || writer.toString().isBlank()) {
      throw new StellarException(function + ": writer is required (elasticsearch, solr, hdfs)");
    }
    return ConfigJson.object(function, config, writer.toString());
  }

  private static FunctionDescriptor.Builder indexing(String name) {
    return FunctionDescriptor.builder(name)
        .param("sensorConfig", "String", "an indexing config (JSON)")
        .param("writer", "String", "the writer: elasticsearch, solr or hdfs");
  }

  static StellarFunction indexingSetBatch() {
    return StellarFunction.of(
        indexing("INDEXING_SET_BATCH")
            .param("size", "Integer", "the batch size")
            .optional("timeout", "Integer", "the batch timeout in seconds")
            .returns("String: the indexing config with the writer's batchSize (and batchTimeout)")
            .description("Sets a writer's batch size and timeout in an indexing config.")
            .example(
                "MAP_GET('batchSize', MAP_GET('hdfs', TO_JSON_MAP(INDEXING_SET_BATCH('{}', 'hdfs',"
                    + " 5, 10))))",
                "5")
            .build(),
        (args, context) -> {
          String fn = "INDEXING_SET_BATCH";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          ObjectNode w = writer(fn, config, args.get(1));
          w.put("batchSize", integer(fn, "size", args.get(2)));
          if (args.size() > 3 && args.get(3) != null) {
            w.put("batchTimeout", integer(fn, "timeout", args.get(3)));
          }
          return ConfigJson.write(config);
        });
  }

  static StellarFunction indexingSetEnabled() {
    return StellarFunction.of(
        indexing("INDEXING_SET_ENABLED")
            .optional("enabled", "Boolean", "whether the writer runs; true when left out")
            .returns("String: the indexing config with the writer's enabled flag")
            .description("Enables or disables a writer in an indexing config.")
            .example(
                "MAP_GET('enabled', MAP_GET('solr', TO_JSON_MAP(INDEXING_SET_ENABLED('{}', 'solr',"
                    + " false))))",
                "false")
            .build(),
        (args, context) -> {
          String fn = "INDEXING_SET_ENABLED";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Object enabled = args.size() > 2 ? args.get(2) : null;
          boolean on = enabled == null || Boolean.parseBoolean(enabled.toString());
          writer(fn, config, args.get(1)).put("enabled", on);
          return ConfigJson.write(config);
        });
  }

  static StellarFunction indexingSetIndex() {
    return StellarFunction.of(
        indexing("INDEXING_SET_INDEX")
            .param("sensor", "String", "the index name (Metron's writers use the sensor name)")
            .returns("String: the indexing config with the writer's index")
            .description("Sets a writer's index in an indexing config.")
            .example(
                "MAP_GET('index', MAP_GET('elasticsearch', TO_JSON_MAP(INDEXING_SET_INDEX('{}',"
                    + " 'elasticsearch', 'squid'))))",
                "'squid'")
            .build(),
        (args, context) -> {
          String fn = "INDEXING_SET_INDEX";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          if (args.get(2) == null) {
            throw new StellarException(fn + ": sensor (the index name) is required");
          }
          writer(fn, config, args.get(1)).put("index", args.get(2).toString());
          return ConfigJson.write(config);
        });
  }

  // ---- triage: threatIntel.triageConfig.{riskLevelRules, aggregator, aggregationConfig} ----

  private static ObjectNode triageConfig(String function, ObjectNode config) {
    ObjectNode threatIntel = ConfigJson.object(function, config, "threatIntel");
    return ConfigJson.object(function, threatIntel, "triageConfig");
  }

  static StellarFunction triageAdd() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_ADD")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param(
                "triageRules",
                "Map or List",
                "a rule, or a list of them: 'rule' and 'score' (a number or a Stellar expression)"
                    + " required; 'name', 'comment' and 'reason' optional")
            .returns("String: the enrichment config with the rules added")
            .description("Adds threat triage rules (riskLevelRules) to an enrichment config.")
            .example(
                "LENGTH(MAP_GET('riskLevelRules', MAP_GET('triageConfig', MAP_GET('threatIntel',"
                    + " TO_JSON_MAP(THREAT_TRIAGE_ADD('{}', {'rule': 'true', 'score': 10}))))))",
                "1")
            .build(),
        (args, context) -> {
          String fn = "THREAT_TRIAGE_ADD";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Object given = args.get(1);
          List<?> rules =
              given instanceof List<?> l ? l : given == null ? List.of() : List.of(given);
          ArrayNode target = ConfigJson.array(fn, triageConfig(fn, config), "riskLevelRules");
          for (Object r : rules) {
            Map<?, ?> rule = map(fn, "triageRules", r);
            if (rule.get("rule") == null || rule.get("score") == null) {
              throw new StellarException(
                  fn + ": a triage rule needs 'rule' and 'score', got " + rule);
            }
            ObjectNode added = target.addObject();
            for (String key : List.of("name", "comment", "rule", "score", "reason")) {
              Object value = rule.get(key);
              if (value instanceof Number n) {
                added.set(key, ConfigJson.tree(n));
              } else if (value != null) {
                added.put(key, value.toString());
              }
            }
          }
          return ConfigJson.write(config);
        });
  }

  static StellarFunction triageRemove() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_REMOVE")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param("rules", "List", "the rules to remove, by rule expression or name")
            .returns("String: the enrichment config without those rules")
            .description("Removes threat triage rules from an enrichment config.")
            .example(
                "THREAT_TRIAGE_PRINT(THREAT_TRIAGE_REMOVE(THREAT_TRIAGE_ADD('{}', [{'name': 'a',"
                    + " 'rule': 'true', 'score': 1}, {'rule': 'false', 'score': 2}]), ['a']))",
                "THREAT_TRIAGE_PRINT(THREAT_TRIAGE_ADD('{}', {'rule': 'false', 'score': 2}))")
            .build(),
        (args, context) -> {
          String fn = "THREAT_TRIAGE_REMOVE";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Set<String> remove = strings(fn, "rules", args.get(1));
          ArrayNode rules = ConfigJson.array(fn, triageConfig(fn, config), "riskLevelRules");
          for (Iterator<JsonNode> it = rules.iterator(); it.hasNext(); ) {
            JsonNode rule = it.next();
            if (remove.contains(rule.path("rule").asText(null))
                || remove.contains(rule.path("name").asText(null))) {
              it.remove();
            }
          }
          return ConfigJson.write(config);
        });
  }

  static StellarFunction triagePrint() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_PRINT")
            .param(
                "config",
                "String",
                "an enrichment config (JSON), or an engine from THREAT_TRIAGE_INIT")
            .returns(
                "String: a table of name, comment, rule, score and reason, then the aggregator")
            .description("Prints the threat triage rules of an enrichment config or engine.")
            .example(
                "'Aggregation: MAX' in THREAT_TRIAGE_PRINT(THREAT_TRIAGE_ADD('{}', {'rule': 'true',"
                    + " 'score': 10}))",
                "true")
            .build(),
        (args, context) -> {
          String fn = "THREAT_TRIAGE_PRINT";
          Object given = args.get(0);
          ObjectNode config =
              ConfigJson.read(
                  fn, given instanceof TriageFunctions.Engine e ? e.configJson() : given);
          return printTriage(config.path("threatIntel").path("triageConfig"));
        });
  }

  static String printTriage(JsonNode triage) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode rule : triage.path("riskLevelRules")) {
      JsonNode s = rule.path("score");
      String score =
          s.isNumber() && s.asDouble() == (long) s.asDouble()
              ? String.valueOf((long) s.asDouble())
              : ConfigJson.text(s);
      rows.add(
          List.of(
              rule.path("name").asText(""),
              rule.path("comment").asText(""),
              rule.path("rule").asText(""),
              score,
              rule.path("reason").asText("")));
    }
    String table = TextTable.of(List.of("Name", "Comment", "Triage Rule", "Score", "Reason"), rows);
    if (!rows.isEmpty()) {
      table += "\n\nAggregation: " + triage.path("aggregator").asText("MAX");
    }
    return table;
  }

  static StellarFunction triageSetAggregator() {
    return StellarFunction.of(
        FunctionDescriptor.builder("THREAT_TRIAGE_SET_AGGREGATOR")
            .param("sensorConfig", "String", "an enrichment config (JSON)")
            .param("aggregator", "String", "MAX, MIN, MEAN, SUM or POSITIVE_MEAN")
            .optional("aggregatorConfig", "Map", "the aggregator's settings")
            .returns("String: the enrichment config with the aggregator set")
            .description("Sets the threat triage aggregator of an enrichment config.")
            .example(
                "MAP_GET('aggregator', MAP_GET('triageConfig', MAP_GET('threatIntel', TO_JSON_MAP("
                    + "THREAT_TRIAGE_SET_AGGREGATOR('{}', 'SUM')))))",
                "'SUM'")
            .build(),
        (args, context) -> {
          String fn = "THREAT_TRIAGE_SET_AGGREGATOR";
          ObjectNode config = ConfigJson.read(fn, args.get(0));
          Object aggregator = args.get(1);
          try {
            Aggregator.of(aggregator == null ? null : aggregator.toString());
          } catch (IllegalArgumentException | NullPointerException e) {
            throw new StellarException(
                fn
                    + ": unknown aggregator '"
                    + aggregator
                    + "'; known: MAX, MIN, MEAN, SUM,"
                    + " POSITIVE_MEAN");
          }
          ObjectNode triage = triageConfig(fn, config);
          triage.put("aggregator", aggregator.toString());
          if (args.size() > 2 && args.get(2) != null) {
            triage.set(
                "aggregationConfig", ConfigJson.tree(map(fn, "aggregatorConfig", args.get(2))));
          }
          return ConfigJson.write(config);
        });
  }

  // ---- argument checks ----

  private static Map<?, ?> map(String function, String name, Object value) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new StellarException(function + ": " + name + " must be a map, got " + value);
    }
    return m;
  }

  private static Set<String> strings(String function, String name, Object value) {
    Set<String> out = new LinkedHashSet<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Collection<?> c)) {
      throw new StellarException(function + ": " + name + " must be a list, got " + value);
    }
    c.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }

  private static Set<String> texts(ArrayNode array) {
    Set<String> out = new LinkedHashSet<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static void removeTexts(ArrayNode array, Set<String> remove) {
    for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
      if (remove.contains(it.next().asText())) {
        it.remove();
      }
    }
  }

  private static int integer(String function, String name, Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new StellarException(function + ": " + name + " must be a number, got " + value);
    }
  }
}
