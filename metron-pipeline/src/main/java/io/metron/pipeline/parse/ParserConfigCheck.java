package io.metron.pipeline.parse;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import io.metron.core.config.GlobalConfig;
import io.metron.core.config.Problems;
import io.metron.core.config.SensorParserConfig;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.StellarEngine;
import io.metron.pipeline.parse.transform.FieldTransformations;
import io.metron.pipeline.parse.validate.FieldValidations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every sensor's parser config the way running it would: the parser name is known, its
 * options are valid, every Stellar expression (field transformations, {@code filter.query}, the
 * global {@code fieldValidations}) compiles, and {@code parser.groups} name existing sensors. Each
 * problem names its file and JSON path, e.g. {@code parsers/yaf.json: $.parserConfig.grokPath}.
 */
public final class ParserConfigCheck implements ConfigCheck {
  private final ExpressionEngine engine;

  public ParserConfigCheck() {
    this(ExpressionEngine.standard());
  }

  public ParserConfigCheck(ExpressionEngine engine) {
    this.engine = engine;
  }

  /**
   * The check refusing also unknown Stellar functions and wrong argument counts, for {@link
   * io.metron.core.config.ConfigCheck#withWarningsFrom}.
   */
  public static ParserConfigCheck refusingLintFindings() {
    return new ParserConfigCheck(StellarEngine.standardRefusingLintFindings());
  }

  @Override
  public void check(Configs configs, Problems problems) {
    Set<ConfigProblem> found = new LinkedHashSet<>();
    List<ConfigProblem> global = new ArrayList<>();
    FieldValidations.build(configs.global(), engine, global);
    found.addAll(global);
    GlobalConfig withoutValidations = withoutValidations(configs.global());
    for (SensorParserConfig config : configs.parsers().values()) {
      String file = "parsers/" + config.sensor() + ".json";
      if (config.parserClassName() == null) {
        continue;
      }
      List<ConfigProblem> transformationProblems = new ArrayList<>();
      FieldTransformations.build(
          config.fieldTransformations(), engine, file, transformationProblems);
      found.addAll(transformationProblems);
      // Transformations and validations were checked above; the runner checks the rest.
      try {
        ParserRunner.create(
            withoutTransformations(config), withoutValidations, Clock.systemUTC(), engine);
      } catch (ParserConfigException e) {
        found.addAll(e.problems());
      }
    }
    for (Map.Entry<String, List<String>> group :
        ParserGroup.declared(configs.global()).entrySet()) {
      for (String sensor : group.getValue()) {
        if (!configs.parsers().containsKey(sensor)) {
          found.add(
              new ConfigProblem(
                  "global.json",
                  "$['parser.groups']",
                  "parser group '"
                      + group.getKey()
                      + "' names sensor '"
                      + sensor
                      + "', which has no parsers/"
                      + sensor
                      + ".json"));
        }
      }
    }
    found.forEach(p -> problems.add(p.file(), p.path(), p.message()));
  }

  private static SensorParserConfig withoutTransformations(SensorParserConfig c) {
    return new SensorParserConfig(
        c.sensor(),
        c.parserClassName(),
        c.filterClassName(),
        c.sensorTopic(),
        c.outputTopic(),
        c.errorTopic(),
        c.writerClassName(),
        c.errorWriterClassName(),
        c.readMetadata(),
        c.mergeMetadata(),
        c.rawMessageStrategy(),
        c.rawMessageStrategyConfig(),
        c.parserConfig(),
        List.of(),
        c.cacheConfig(),
        c.spoutConfig(),
        c.securityProtocol());
  }

  private static GlobalConfig withoutValidations(GlobalConfig global) {
    Map<String, Object> values = new HashMap<>(global.values());
    values.remove("fieldValidations");
    return new GlobalConfig(values);
  }
}
