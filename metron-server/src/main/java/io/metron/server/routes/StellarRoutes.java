package io.metron.server.routes;

import io.metron.core.config.ConfigProblem;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.transform.FieldTransformation;
import io.metron.pipeline.parse.transform.FieldTransformations;
import io.metron.pipeline.parse.transform.TransformContext;
import io.metron.pipeline.parse.transform.TransformationException;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Routes;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metron's StellarController: validate rules, apply field transformations, list functions. */
public final class StellarRoutes {
  /** Metron's {@code SensorParserContext}. */
  public record TransformBody(
      Map<String, Object> sampleData, Map<String, Object> sensorParserConfig) {}

  /** Metron's {@code StellarFunctionDescription}. */
  public record FunctionDescription(
      String name, String description, List<String> params, String returns) {}

  /** The field transformations a parser config may use (Metron's {@code FieldTransformations}). */
  static final List<String> TRANSFORMATIONS =
      List.of("IP_PROTOCOL", "REMOVE", "STELLAR", "SELECT", "RENAME", "REGEX_SELECT");

  private StellarRoutes() {}

  public static void declare(Routes routes, ConfigFiles files) {
    FunctionRegistry functions = FunctionRegistry.builtin();
    StellarCompiler compiler = new StellarCompiler(functions);
    routes
        .group("Stellar")
        .post(
            "/stellar/validate/rules",
            Access.USER,
            "Tests Stellar statements: each maps to whether it compiles",
            String[].class,
            Map.class,
            call -> {
              Map<String, Boolean> valid = new LinkedHashMap<>();
              for (String rule : call.body()) {
                if (rule == null) {
                  throw ApiException.badRequest("the rules must be strings, not null", null);
                }
                try {
                  compiler.compile(rule);
                  valid.put(rule, true);
                } catch (RuntimeException e) {
                  valid.put(rule, false);
                }
              }
              return valid;
            })
        .post(
            "/stellar/apply/transformations",
            Access.USER,
            "Applies a parser config's field transformations to a sample message",
            TransformBody.class,
            Map.class,
            call -> apply(files, call.body()))
        .get(
            "/stellar/list",
            Access.USER,
            "The field transformations a parser config may use",
            String[].class,
            call -> TRANSFORMATIONS)
        .get(
            "/stellar/list/functions",
            Access.USER,
            "Every Stellar function with its description, parameters and result",
            FunctionDescription[].class,
            call -> describe(functions, false))
        .get(
            "/stellar/list/simple/functions",
            Access.USER,
            "The Stellar functions that take exactly one argument",
            FunctionDescription[].class,
            call -> describe(functions, true));
  }

  private static Map<String, Object> apply(ConfigFiles files, TransformBody body) {
    if (body.sampleData() == null) {
      throw ApiException.badRequest("field 'sampleData' is required", "sampleData");
    }
    ConfigRoutes.Candidate c =
        ConfigRoutes.candidate(files, body.sensorParserConfig(), "sensorParserConfig");
    List<ConfigProblem> problems = new ArrayList<>();
    List<FieldTransformation> transformations =
        FieldTransformations.build(
            c.config().fieldTransformations(),
            ExpressionEngine.standard(),
            "sensorParserConfig",
            problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(problems.getFirst().toString(), "sensorParserConfig");
    }
    Message message = Message.of(new LinkedHashMap<>(body.sampleData()));
    Map<String, Object> parserConfig = c.config().parserConfig();
    TransformContext context =
        new TransformContext(
            name -> parserConfig == null ? null : parserConfig.get(name),
            c.configs().global().values());
    try {
      for (FieldTransformation t : transformations) {
        t.apply(message, context);
      }
    } catch (TransformationException e) {
      throw ApiException.badRequest(e.getMessage(), "sensorParserConfig.fieldTransformations");
    }
    return message.fields();
  }

  private static List<FunctionDescription> describe(FunctionRegistry functions, boolean simple) {
    List<FunctionDescription> out = new ArrayList<>();
    for (StellarFunction f : functions.all()) {
      FunctionDescriptor d = f.descriptor();
      if (d.isPending() || (simple && !(d.minArgs() == 1 && d.maxArgs() == 1))) {
        continue;
      }
      List<String> params = new ArrayList<>();
      for (FunctionDescriptor.Param p : d.params()) {
        params.add(p.name() + " - " + p.description());
      }
      out.add(new FunctionDescription(d.name(), d.description(), params, d.returns()));
    }
    out.sort(Comparator.comparing(FunctionDescription::name));
    return out;
  }
}
