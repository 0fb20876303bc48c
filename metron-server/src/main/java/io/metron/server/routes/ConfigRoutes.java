package io.metron.server.routes;

import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.BuiltinParsers;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserRunner;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.RawMessage;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Call;
import io.metron.server.api.Json;
import io.metron.server.api.Routes;
import io.metron.server.audit.AuditLog;
import io.metron.server.routes.ConfigFiles.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Metron's sensor parser, enrichment and indexing config controllers and the global config: read,
 * save (validated, then hot-reloaded by the running pipeline) and delete; and parser testing.
 * Writes need the ADMIN role and are audited with the document before and after.
 */
public final class ConfigRoutes {
  /** Metron's {@code ParseMessageRequest}. */
  public record ParseMessageBody(
      Map<String, Object> sensorParserConfig, String grokStatement, String sampleData) {}

  private ConfigRoutes() {}

  public static void declare(Routes routes, ConfigFiles files, AuditLog audit) {
    routes
        .group("SensorParserConfig")
        .post(
            "/sensor/parser/config/parseMessage",
            Access.USER,
            "Parses a sample message with a parser config that need not be saved",
            ParseMessageBody.class,
            Map.class,
            call -> parseMessage(files, call.body()))
        .get(
            "/sensor/parser/config/list/available",
            Access.USER,
            "The available parsers: short name to Metron class name",
            Map.class,
            call -> {
              Map<String, String> available = new TreeMap<>();
              for (ParserType t : BuiltinParsers.all()) {
                available.put(
                    t.name(),
                    t.metronClassNames().isEmpty() ? t.name() : t.metronClassNames().getFirst());
              }
              return available;
            });
    documents(routes, files, audit, Kind.PARSER, "/sensor/parser/config", "SensorParserConfig");
    routes.group("SensorEnrichmentConfig");
    documents(
        routes,
        files,
        audit,
        Kind.ENRICHMENT,
        "/sensor/enrichment/config",
        "SensorEnrichmentConfig");
    routes.group("SensorIndexingConfig");
    documents(
        routes, files, audit, Kind.INDEXING, "/sensor/indexing/config", "SensorIndexingConfig");
    routes
        .group("GlobalConfig")
        .get(
            "/global/config",
            Access.USER,
            "Retrieves the global config",
            Map.class,
            call ->
                files
                    .read(Kind.GLOBAL, null)
                    .orElseThrow(() -> ApiException.notFound("there is no global config")))
        .post(
            "/global/config",
            Access.ADMIN,
            "Creates or replaces the global config (validated with every sensor's config)",
            Map.class,
            Map.class,
            call -> save(files, audit, Kind.GLOBAL, null, call))
        .delete(
            "/global/config",
            Access.ADMIN,
            "Deletes the global config",
            call -> delete(files, audit, Kind.GLOBAL, null, call));
  }

  private static void documents(
      Routes routes, ConfigFiles files, AuditLog audit, Kind kind, String path, String what) {
    routes
        .get(
            path,
            Access.USER,
            "Retrieves every " + what + ", by sensor",
            Map.class,
            call -> files.all(kind))
        .get(
            path + "/{name}",
            Access.USER,
            "Retrieves a sensor's " + what,
            Map.class,
            call ->
                files
                    .read(kind, call.path("name"))
                    .orElseThrow(
                        () ->
                            ApiException.notFound(
                                "no " + what + " for '" + call.path("name") + "'")))
        .post(
            path + "/{name}",
            Access.ADMIN,
            "Creates or replaces a sensor's " + what + " (validated; the pipeline reloads it)",
            Map.class,
            Map.class,
            call -> save(files, audit, kind, call.path("name"), call))
        .delete(
            path + "/{name}",
            Access.ADMIN,
            "Deletes a sensor's " + what,
            call -> delete(files, audit, kind, call.path("name"), call));
  }

  @SuppressWarnings("unchecked")
  private static Object save(
      ConfigFiles files, AuditLog audit, Kind kind, String name, Call<Map> call) {
    Map<String, Object> doc = call.body();
    Optional<Map<String, Object>> before = files.read(kind, name);
    files.save(kind, name, doc);
    audit.record(
        call.user(), "config.save", target(kind, name), before.orElse(null), doc, call.remote());
    if (before.isEmpty()) {
      call.ctx().status(201);
    }
    return doc;
  }

  private static Object delete(
      ConfigFiles files, AuditLog audit, Kind kind, String name, Call<Void> call) {
    Optional<Map<String, Object>> before = files.read(kind, name);
    if (before.isEmpty() || !files.delete(kind, name)) {
      throw ApiException.notFound("there is no " + target(kind, name) + " to delete");
    }
    audit.record(
        call.user(), "config.delete", target(kind, name), before.get(), null, call.remote());
    return Map.of("deleted", target(kind, name));
  }

  private static String target(Kind kind, String name) {
    return kind.file(name).replaceFirst("\\.json$", "");
  }

  /** Parses {@code sampleData} with the given parser config, validated as if saved. */
  static Map<String, Object> parseMessage(ConfigFiles files, ParseMessageBody body) {
    if (body.sampleData() == null) {
      throw ApiException.badRequest("field 'sampleData' is required", "sampleData");
    }
    Candidate c = candidate(files, body.sensorParserConfig(), "sensorParserConfig");
    ParserRunner runner;
    try {
      runner = ParserRunner.create(c.config(), c.configs().global());
    } catch (ParserConfigException e) {
      throw ApiException.badRequest(e.getMessage(), "sensorParserConfig");
    }
    List<ParseOutcome> outcomes =
        runner.process(
            new RawMessage(
                body.sampleData().getBytes(StandardCharsets.UTF_8),
                null,
                runner.sensor(),
                "sample"));
    List<String> errors = new ArrayList<>();
    for (ParseOutcome o : outcomes) {
      if (o instanceof ParseOutcome.Parsed p) {
        return p.message().fields();
      }
      if (o.message() != null) {
        errors.add(reason(o.message()));
      }
    }
    throw ApiException.badRequest(
        errors.isEmpty()
            ? "the sample was filtered out: no message"
            : "the sample did not parse: " + String.join("; ", errors),
        "sampleData");
  }

  /** A parser config (from a request body) with the configs it is validated against. */
  record Candidate(SensorParserConfig config, Configs configs) {}

  /** Validates a parser config from a request as the file {@code parsers/<sensor>.json}. */
  @SuppressWarnings("unchecked")
  static Candidate candidate(ConfigFiles files, Map<String, Object> doc, String field) {
    if (doc == null) {
      throw ApiException.badRequest("field '" + field + "' is required", field);
    }
    Object topic = doc.get("sensorTopic");
    String sensor = topic instanceof String s && s.matches("[A-Za-z0-9_.-]{1,100}") ? s : "sample";
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(doc);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("field '" + field + "' cannot be written as JSON", field);
    }
    Configs configs = files.validate(Map.of(Kind.PARSER.file(sensor), bytes));
    return new Candidate(configs.parser(sensor).orElseThrow(), configs);
  }

  private static String reason(Message error) {
    Object message = error.get("message");
    Object type = error.get("error_type");
    return (type == null ? "" : type + ": ") + (message == null ? "unknown error" : message);
  }
}
