package io.metron.server.routes;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import io.metron.core.config.DisabledSensors;
import io.metron.core.config.GlobalConfig;
import io.metron.core.message.Message;
import io.metron.pipeline.enrich.ProcessTool;
import io.metron.server.ManagedPlatform;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Call;
import io.metron.server.api.Json;
import io.metron.server.api.Routes;
import io.metron.server.audit.AuditLog;
import io.metron.server.auth.Principal;
import io.metron.server.routes.ConfigFiles.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sensor management, as the Management UI uses it: each sensor's live status from the platform's
 * metrics, switching a sensor off and on (Metron's activate and deactivate), checking edited
 * configs with every problem at its JSON path, and the test bench that runs sample lines through an
 * edited, unsaved config and through the saved one.
 */
public final class SensorRoutes {
  /** At most this many lines per test. */
  public static final int MAX_TEST_LINES = 100;

  /** Configs to check or test, none of them saved: a sensor's documents and the global config. */
  public record ConfigsBody(
      String sensor,
      Map<String, Object> sensorParserConfig,
      Map<String, Object> sensorEnrichmentConfig,
      Map<String, Object> sensorIndexingConfig,
      Map<String, Object> globalConfig) {}

  /** One finding of the config check; {@code level} is {@code error} or {@code warning}. */
  public record Problem(String file, String path, String message, String level) {}

  /** The config check's answer: valid when there is no error (warnings may remain). */
  public record Validation(boolean valid, List<Problem> problems) {}

  /** Lines to run through a sensor's edited configs (and its saved ones, for comparison). */
  public record TestBody(
      String sensor,
      Map<String, Object> sensorParserConfig,
      Map<String, Object> sensorEnrichmentConfig,
      List<String> sampleData) {}

  /**
   * One output of a line: {@code message} (after enrichment, threat intel and triage), {@code
   * error} (Metron's error message: its {@code error_type}, {@code message} and raw bytes) or
   * {@code filtered} (no fields).
   */
  public record Output(String kind, Map<String, Object> fields) {}

  /** What one line became with the edited configs and with the saved ones (null: none saved). */
  public record LineResult(String line, List<Output> edited, List<Output> saved) {}

  /**
   * The test's answer. With problems in the edited configs there are no results.
   *
   * @param problems the edited configs' problems and warnings
   * @param saved whether the sensor has a saved, loadable config to compare with
   * @param results one per line, in order
   */
  public record TestResult(List<Problem> problems, boolean saved, List<LineResult> results) {}

  /** Metron's {@code TopologyResponse}. */
  public record SwitchResult(String status, String message) {}

  private final ConfigFiles files;
  private final AuditLog audit;
  private final Supplier<ManagedPlatform> platform;
  private final SensorStatuses statuses;
  private final Clock clock;

  private SensorRoutes(
      ConfigFiles files,
      AuditLog audit,
      Supplier<ManagedPlatform> platform,
      SensorStatuses statuses,
      Clock clock) {
    this.files = files;
    this.audit = audit;
    this.platform = platform;
    this.statuses = statuses;
    this.clock = clock;
  }

  /**
   * Declares the routes.
   *
   * @return the status reader, which the server closes when it stops
   */
  public static SensorStatuses declare(
      Routes routes,
      ConfigFiles files,
      AuditLog audit,
      Supplier<ManagedPlatform> platform,
      Supplier<String> kafka,
      Clock clock) {
    SensorStatuses statuses =
        new SensorStatuses(files, () -> platform.get().metrics().get(), kafka);
    SensorRoutes s = new SensorRoutes(files, audit, platform, statuses, clock);
    routes
        .group("SensorManagement")
        .get(
            "/sensor/status",
            Access.USER,
            "Every sensor's live status: messages in per second, parsed, invalid, errors, filtered,"
                + " consumer lag, last record time, enabled",
            SensorStatuses.SensorStatus[].class,
            call -> statuses.all())
        .post(
            "/sensor/config/validate",
            Access.USER,
            "Checks unsaved configs as 'metron config validate' would with them saved: every"
                + " problem with its file and JSON path",
            ConfigsBody.class,
            Validation.class,
            call -> s.validate(call.body()))
        .post(
            "/sensor/test",
            Access.USER,
            "Runs sample lines through a sensor's unsaved parser and enrichment configs (parse,"
                + " transformations, enrichment, threat intel, triage) and through its saved ones",
            TestBody.class,
            TestResult.class,
            call -> s.test(call.body()));
    for (boolean enable : new boolean[] {true, false}) {
      String path = "/storm/parser/" + (enable ? "activate" : "deactivate") + "/{name}";
      String summary =
          enable
              ? "Enables a sensor: its topic is read again from where it stopped"
              : "Disables a sensor: its topic is no longer read; records wait in Kafka";
      routes
          .post(
              path,
              Access.ADMIN,
              summary,
              Void.class,
              SwitchResult.class,
              call -> s.flip(call, enable))
          .get(
              path,
              Access.ADMIN,
              summary + " (Metron's GET form, for scripts using Basic or token authentication)",
              SwitchResult.class,
              call -> {
                if (call.principal() != null && call.principal().via() == Principal.Via.SESSION) {
                  throw new ApiException(
                      405,
                      "with a session, switch a sensor with POST (and the X-CSRF-Token header)",
                      null);
                }
                return s.flip(call, enable);
              });
    }
    return statuses;
  }

  private SwitchResult flip(Call<Void> call, boolean enable) {
    String name = ConfigFiles.checkName(Kind.PARSER, call.path("name"));
    if (files.read(Kind.PARSER, name).isEmpty()) {
      throw ApiException.notFound("no sensor '" + name + "'");
    }
    Map<String, Object> global = files.read(Kind.GLOBAL, null).orElse(Map.of());
    boolean wasEnabled = !DisabledSensors.of(new GlobalConfig(global)).contains(name);
    if (wasEnabled != enable) {
      files.save(Kind.GLOBAL, null, DisabledSensors.with(global, name, !enable));
      audit.record(
          call.user(),
          enable ? "sensor.enable" : "sensor.disable",
          "sensor/" + name,
          Map.of("enabled", wasEnabled),
          Map.of("enabled", enable),
          call.remote());
    }
    return new SwitchResult(
        "SUCCESS", "sensor '" + name + "' is " + (enable ? "enabled" : "disabled"));
  }

  private Validation validate(ConfigsBody body) {
    ConfigLoader.Result result = files.check(changes(body));
    List<Problem> problems = problems(result);
    return new Validation(result.valid(), problems);
  }

  private static List<Problem> problems(ConfigLoader.Result result) {
    List<Problem> out = new ArrayList<>();
    for (ConfigProblem p : result.problems().errors()) {
      out.add(new Problem(p.file(), p.path(), p.message(), "error"));
    }
    for (ConfigProblem p : result.problems().warnings()) {
      out.add(new Problem(p.file(), p.path(), p.message(), "warning"));
    }
    return out;
  }

  /** The config files the body changes: file name to content. */
  private static Map<String, byte[]> changes(ConfigsBody body) {
    Map<String, byte[]> changes = new LinkedHashMap<>();
    boolean sensorDocs =
        body.sensorParserConfig() != null
            || body.sensorEnrichmentConfig() != null
            || body.sensorIndexingConfig() != null;
    if (sensorDocs || body.sensor() != null) {
      ConfigFiles.checkName(Kind.PARSER, body.sensor());
    }
    put(changes, Kind.PARSER, body.sensor(), body.sensorParserConfig(), "sensorParserConfig");
    put(
        changes,
        Kind.ENRICHMENT,
        body.sensor(),
        body.sensorEnrichmentConfig(),
        "sensorEnrichmentConfig");
    put(changes, Kind.INDEXING, body.sensor(), body.sensorIndexingConfig(), "sensorIndexingConfig");
    put(changes, Kind.GLOBAL, null, body.globalConfig(), "globalConfig");
    if (changes.isEmpty()) {
      throw ApiException.badRequest(
          "give at least one of sensorParserConfig, sensorEnrichmentConfig, sensorIndexingConfig,"
              + " globalConfig",
          null);
    }
    return changes;
  }

  private static void put(
      Map<String, byte[]> changes,
      Kind kind,
      String sensor,
      Map<String, Object> doc,
      String field) {
    if (doc == null) {
      return;
    }
    try {
      changes.put(kind.file(sensor), Json.MAPPER.writeValueAsBytes(doc));
    } catch (IOException e) {
      throw ApiException.badRequest("field '" + field + "' cannot be written as JSON", field);
    }
  }

  private TestResult test(TestBody body) {
    List<String> lines = body.sampleData();
    if (lines == null || lines.isEmpty()) {
      throw ApiException.badRequest("field 'sampleData' needs at least one line", "sampleData");
    }
    if (lines.size() > MAX_TEST_LINES) {
      throw ApiException.badRequest(
          "field 'sampleData' has " + lines.size() + " lines; test at most " + MAX_TEST_LINES,
          "sampleData");
    }
    if (body.sensorParserConfig() == null) {
      throw ApiException.badRequest("field 'sensorParserConfig' is required", "sensorParserConfig");
    }
    String sensor = ConfigFiles.checkName(Kind.PARSER, body.sensor());
    ConfigLoader.Result edited =
        files.check(
            changes(
                new ConfigsBody(
                    sensor, body.sensorParserConfig(), body.sensorEnrichmentConfig(), null, null)));
    List<Problem> problems = problems(edited);
    if (!edited.valid()) {
      return new TestResult(problems, false, List.of());
    }
    // Both runs see the same clock, so a field taken from the time of parsing compares equal.
    Clock fixed = Clock.fixed(Instant.ofEpochMilli(clock.millis()), ZoneOffset.UTC);
    ProcessTool editedTool;
    try {
      editedTool = tool(edited.configs(), sensor, fixed);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        problems.add(new Problem(p.file(), p.path(), p.message(), "error"));
      }
      return new TestResult(problems, false, List.of());
    }
    ProcessTool savedTool = null;
    if (files.read(Kind.PARSER, sensor).isPresent()) {
      ConfigLoader.Result saved = files.check(Map.of());
      if (saved.valid()) {
        try {
          savedTool = tool(saved.configs(), sensor, fixed);
        } catch (ConfigException e) {
          savedTool = null;
        }
      }
    }
    List<LineResult> results = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line == null) {
        throw ApiException.badRequest(
            "field 'sampleData[" + (number - 1) + "]' must be a string", "sampleData");
      }
      String origin = "test:" + number;
      results.add(
          new LineResult(
              line,
              outputs(editedTool.process(line, origin)),
              savedTool == null ? null : outputs(savedTool.process(line, origin))));
    }
    return new TestResult(problems, savedTool != null, results);
  }

  private ProcessTool tool(Configs configs, String sensor, Clock clock) throws ConfigException {
    return ProcessTool.create(configs, sensor, platform.get().resources(), clock);
  }

  private static List<Output> outputs(List<ProcessTool.Emitted> emitted) {
    List<Output> out = new ArrayList<>();
    for (ProcessTool.Emitted e : emitted) {
      Message m = e.message();
      out.add(
          new Output(
              e.kind().name().toLowerCase(java.util.Locale.ROOT),
              m == null ? Map.of() : m.fields()));
    }
    return out;
  }
}
