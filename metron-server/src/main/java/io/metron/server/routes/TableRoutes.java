package io.metron.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.load.Extractor;
import io.metron.pipeline.load.ExtractorConfig;
import io.metron.pipeline.load.Extractors;
import io.metron.pipeline.load.FlatFileLoader;
import io.metron.pipeline.load.LoadException;
import io.metron.pipeline.load.LoadProgress;
import io.metron.pipeline.load.TableRow;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Call;
import io.metron.server.api.Routes;
import io.metron.server.audit.AuditLog;
import io.metron.server.routes.ConfigFiles.Kind;
import io.metron.streams.tables.TableStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The enrichment and threat-intel tables from the browser: upload a CSV or STIX file with a Metron
 * extractor config ({@code metron load flatfile}'s loader, run in the server), follow its progress,
 * and browse a table's rows by indicator. A running pipeline sees loaded rows within about a
 * second, as with {@code metron load}.
 */
public final class TableRoutes implements AutoCloseable {
  /** At most this many rows in one browse answer. */
  public static final int MAX_ROWS = 500;

  /** Jobs kept for their progress; the oldest finished ones go first. */
  static final int MAX_JOBS = 50;

  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  /**
   * A file to load.
   *
   * @param extractorConfig the extractor config ({@code {"config": {...}, "extractor": "CSV"}})
   * @param content the file's text (a CSV, or one STIX document)
   * @param name the file's name, for messages
   */
  public record LoadBody(Map<String, Object> extractorConfig, String content, String name) {}

  /**
   * A load's progress; {@code status} is RUNNING, SUCCEEDED or FAILED.
   *
   * @param badRowSamples the first few skipped rows, each {@code file:line: reason}
   */
  public record LoadJob(
      String jobId,
      String name,
      String status,
      long rows,
      long lines,
      long badRows,
      double fraction,
      String message,
      List<String> badRowSamples) {}

  /** One table row. */
  public record Row(String type, String indicator, Map<String, Object> value) {}

  private final Path dataDir;
  private final ConfigFiles files;
  private final AuditLog audit;
  private final Map<String, LoadJob> jobs = new ConcurrentHashMap<>();
  private TableStore reader;

  private TableRoutes(Path dataDir, ConfigFiles files, AuditLog audit) {
    this.dataDir = dataDir;
    this.files = files;
    this.audit = audit;
  }

  public static TableRoutes declare(
      Routes routes, Path dataDir, ConfigFiles files, AuditLog audit) {
    TableRoutes t = new TableRoutes(dataDir, files, audit);
    routes
        .group("EnrichmentTables")
        .post(
            "/sensor/enrichment/table/load",
            Access.ADMIN,
            "Loads a CSV or STIX file into the enrichment tables with an extractor config; answers"
                + " the load job at once",
            LoadBody.class,
            LoadJob.class,
            t::load)
        .get(
            "/sensor/enrichment/table/load/{jobId}",
            Access.USER,
            "A table load's progress",
            LoadJob.class,
            call -> {
              LoadJob job = t.jobs.get(call.path("jobId"));
              if (job == null) {
                throw ApiException.notFound("no table load '" + call.path("jobId") + "'");
              }
              return job;
            })
        .get(
            "/sensor/enrichment/table/{type}",
            Access.USER,
            "Rows of an enrichment or threat-intel type whose indicator starts with ?indicator=,"
                + " in indicator order (at most ?limit=, 50 by default)",
            Row[].class,
            t::browse);
    return t;
  }

  private Object load(Call<LoadBody> call) throws IOException {
    LoadBody body = call.body();
    if (body.extractorConfig() == null) {
      throw ApiException.badRequest("field 'extractorConfig' is required", "extractorConfig");
    }
    if (body.content() == null || body.content().isBlank()) {
      throw ApiException.badRequest("field 'content' holds no rows", "content");
    }
    String name =
        body.name() == null || body.name().isBlank()
            ? "upload"
            : body.name().replaceAll("[^A-Za-z0-9_.-]", "_");
    JsonNode json = MessageCodec.JSON.valueToTree(body.extractorConfig());
    Extractor extractor;
    ExtractorConfig config;
    try {
      config = ExtractorConfig.parse(json, "extractorConfig");
      Map<String, Object> global = files.read(Kind.GLOBAL, null).orElse(Map.of());
      extractor = Extractors.build(config, EnrichmentResources.none().registry(), global);
    } catch (LoadException e) {
      throw ApiException.badRequest(e.getMessage(), "extractorConfig");
    }
    Path dir = dataDir.resolve("uploads");
    Files.createDirectories(dir);
    String id = UUID.randomUUID().toString();
    Path file = dir.resolve(id + "-" + name);
    Files.writeString(file, body.content(), StandardCharsets.UTF_8);
    LoadJob started = new LoadJob(id, name, "RUNNING", 0, 0, 0, 0, null, List.of());
    trim();
    jobs.put(id, started);
    audit.record(
        call.user(),
        "table.load",
        name,
        null,
        Map.of("extractor", config.extractor(), "bytes", body.content().length()),
        call.remote());
    ExtractorConfig cfg = config;
    Thread.ofVirtual().name("table-load-" + id).start(() -> run(id, name, file, extractor, cfg));
    return started;
  }

  private void run(String id, String name, Path file, Extractor extractor, ExtractorConfig config) {
    List<String> bad = new CopyOnWriteArrayList<>();
    long[] badCount = {0};
    FlatFileLoader.Listener listener =
        new FlatFileLoader.Listener() {
          @Override
          public void progress(LoadProgress p) {
            jobs.put(
                id,
                new LoadJob(
                    id,
                    name,
                    "RUNNING",
                    p.rows(),
                    p.lines(),
                    badCount[0],
                    p.fraction(),
                    null,
                    List.copyOf(bad)));
          }

          @Override
          public void badRow(String where, String reason) {
            synchronized (bad) {
              badCount[0]++;
              if (bad.size() < 10) {
                bad.add(where.replace(file.getFileName().toString(), name) + ": " + reason);
              }
            }
          }
        };
    try (TableStore store = TableStore.openForWriting(dataDir)) {
      FlatFileLoader.Summary s =
          new FlatFileLoader(extractor, store, listener)
              .load(new FlatFileLoader.Options(List.of(file), config.wholeFile(), 1, 1000));
      jobs.put(
          id,
          new LoadJob(
              id,
              name,
              "SUCCEEDED",
              s.rows(),
              s.lines(),
              s.badRows(),
              1,
              "loaded " + s.rows() + " rows from " + s.lines() + " lines",
              List.copyOf(bad)));
    } catch (LoadException | IOException | RuntimeException e) {
      LoadJob last = jobs.get(id);
      jobs.put(
          id,
          new LoadJob(
              id,
              name,
              "FAILED",
              last.rows(),
              last.lines(),
              badCount[0],
              last.fraction(),
              String.valueOf(e.getMessage()).replace(file.toString(), name),
              List.copyOf(bad)));
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a leftover upload is harmless; the next start does not read it
      }
    }
  }

  private void trim() {
    if (jobs.size() < MAX_JOBS) {
      return;
    }
    jobs.values().stream()
        .filter(j -> !j.status().equals("RUNNING"))
        .findFirst()
        .ifPresent(j -> jobs.remove(j.jobId()));
  }

  private Object browse(Call<Void> call) throws IOException {
    String type = call.path("type");
    if (!TYPE.matcher(type).matches()) {
      throw ApiException.badRequest(
          "'" + type + "' is not an enrichment type: use 1 to 100 of A-Z a-z 0-9 _ . : -", "type");
    }
    String prefix = call.query("indicator") == null ? "" : call.query("indicator");
    int limit = 50;
    if (call.query("limit") != null) {
      try {
        limit = Integer.parseInt(call.query("limit"));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("'limit' must be a number", "limit");
      }
      if (limit < 1 || limit > MAX_ROWS) {
        throw ApiException.badRequest("'limit' must be 1 to " + MAX_ROWS, "limit");
      }
    }
    TableStore store = reader();
    store.catchUp();
    List<Row> out = new ArrayList<>();
    for (TableRow r : store.scan(type, prefix, limit)) {
      out.add(new Row(type, r.key().indicator(), r.value()));
    }
    return out;
  }

  private synchronized TableStore reader() throws IOException {
    if (reader == null) {
      reader = TableStore.openForReading(dataDir);
    }
    return reader;
  }

  @Override
  public synchronized void close() {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
