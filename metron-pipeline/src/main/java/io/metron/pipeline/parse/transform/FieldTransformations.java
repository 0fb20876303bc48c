package io.metron.pipeline.parse.transform;

import io.metron.core.config.ConfigProblem;
import io.metron.core.config.FieldTransformationConfig;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.ExpressionEngine.Expression;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds a sensor's {@code fieldTransformations} into runnable {@link FieldTransformation}s,
 * compiling every Stellar expression and regular expression up front so a bad one is reported at
 * load time with its file and JSON path, never while messages flow.
 */
public final class FieldTransformations {
  private final ExpressionEngine engine;
  private final String file;
  private final List<ConfigProblem> problems;

  private FieldTransformations(ExpressionEngine engine, String file, List<ConfigProblem> problems) {
    this.engine = engine;
    this.file = file;
    this.problems = problems;
  }

  /**
   * Builds {@code configs}; problems are added to {@code problems} (with paths under {@code
   * $.fieldTransformations}) and the faulty entries left out.
   */
  public static List<FieldTransformation> build(
      List<FieldTransformationConfig> configs,
      ExpressionEngine engine,
      String file,
      List<ConfigProblem> problems) {
    FieldTransformations builder = new FieldTransformations(engine, file, problems);
    List<FieldTransformation> out = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      FieldTransformation built = builder.one(configs.get(i), "$.fieldTransformations[" + i + "]");
      if (built != null) {
        out.add(built);
      }
    }
    return List.copyOf(out);
  }

  private FieldTransformation one(FieldTransformationConfig config, String path) {
    String name = config.transformation();
    if (name == null) {
      return null;
    }
    List<String> inputs = config.input();
    List<String> outputs = config.output();
    Map<String, Object> settings = config.config() == null ? Map.of() : config.config();
    switch (name) {
      case "IP_PROTOCOL" -> {
        if (inputs.isEmpty()) {
          problem(path + ".input", "IP_PROTOCOL needs an input field");
          return null;
        }
        return new IpProtocolTransformation(inputs, outputs);
      }
      case "REMOVE" -> {
        Expression condition = null;
        Object text = settings.get("condition");
        if (text != null) {
          condition = compile(text, path + ".config.condition");
          if (condition == null) {
            return null;
          }
        }
        return new RemoveTransformation(inputs, condition);
      }
      case "RENAME" -> {
        Map<String, String> renames = new LinkedHashMap<>();
        settings.forEach((from, to) -> renames.put(from, String.valueOf(to)));
        return new RenameTransformation(renames);
      }
      case "SELECT" -> {
        if (outputs.isEmpty()) {
          problem(path + ".output", "SELECT needs the list of fields to keep in 'output'");
          return null;
        }
        return new SelectTransformation(outputs);
      }
      case "REGEX_SELECT" -> {
        return regexSelect(inputs, outputs, settings, path);
      }
      case "STELLAR" -> {
        return stellar(outputs, settings, path);
      }
      default -> {
        problem(
            path + ".transformation",
            "custom transformation class '"
                + name
                + "' is not available: use IP_PROTOCOL, REMOVE, STELLAR, SELECT, RENAME or"
                + " REGEX_SELECT");
        return null;
      }
    }
  }

  private FieldTransformation regexSelect(
      List<String> inputs, List<String> outputs, Map<String, Object> settings, String path) {
    if (inputs.size() != 1 || outputs.size() != 1) {
      problem(path, "REGEX_SELECT needs exactly one input and one output field");
      return null;
    }
    List<RegexSelectTransformation.Choice> choices = new ArrayList<>();
    boolean ok = true;
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      List<Pattern> patterns = new ArrayList<>();
      List<?> regexes = e.getValue() instanceof List<?> list ? list : List.of(e.getValue());
      for (Object regex : regexes) {
        try {
          patterns.add(Pattern.compile(String.valueOf(regex)));
        } catch (PatternSyntaxException ex) {
          problem(
              path + ".config" + key(e.getKey()),
              "invalid regular expression: " + ex.getDescription() + " at index " + ex.getIndex());
          ok = false;
        }
      }
      choices.add(new RegexSelectTransformation.Choice(e.getKey(), patterns));
    }
    return ok
        ? new RegexSelectTransformation(inputs.getFirst(), outputs.getFirst(), choices)
        : null;
  }

  private FieldTransformation stellar(
      List<String> outputs, Map<String, Object> settings, String path) {
    List<String> order = outputs.isEmpty() ? List.copyOf(settings.keySet()) : outputs;
    List<StellarTransformation.Assignment> assignments = new ArrayList<>();
    boolean ok = true;
    for (String field : order) {
      Object text = settings.get(field);
      if (text == null) {
        problem(path + ".config" + key(field), "output '" + field + "' has no expression");
        ok = false;
        continue;
      }
      Expression expression = compile(text, path + ".config" + key(field));
      if (expression == null) {
        ok = false;
      } else {
        assignments.add(new StellarTransformation.Assignment(field, expression));
      }
    }
    return ok ? new StellarTransformation(assignments) : null;
  }

  private Expression compile(Object text, String path) {
    if (!(text instanceof String source)) {
      problem(path, "expected a Stellar expression (a string)");
      return null;
    }
    try {
      return engine.compile(source);
    } catch (ExpressionException e) {
      problem(path, "Stellar expression does not compile: " + e.getMessage());
      return null;
    }
  }

  private void problem(String path, String message) {
    problems.add(new ConfigProblem(file, path, message));
  }

  static String key(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : "['" + key + "']";
  }
}
