package io.metron.cli.functions;

import io.metron.core.config.ConfigLoader;
import io.metron.core.message.MessageCodec;
import io.metron.pcap.filter.StellarPacketFilter;
import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.geo.GeoFiles;
import io.metron.pipeline.enrich.geo.GeoProvider;
import io.metron.pipeline.manage.PipelineFunctions;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.stellar.FunctionRegistry;
import io.metron.streams.stellar.KafkaFunctions;
import io.metron.streams.tables.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The registry {@code metron stellar} runs with: Stellar's built-in functions, then every module's
 * — metron-pipeline's (profiles, geo, tables, REST, objects, management), metron-streams' (Kafka),
 * metron-pcap's ({@code BYTEARRAY_MATCHER}) and this module's (files, configs, {@code SHELL_EDIT}).
 * Only the functions no module of this version provides stay unavailable, and an expression calling
 * one fails to compile with the reason.
 *
 * <p>GEO_GET reads the database {@code metron load geo} installed under the data directory (or
 * {@code geo.hdfs.file}); PROFILE_GET the profile measurements there; ENRICHMENT_GET the tables
 * there, opened on first use so that a shell that never reads them creates nothing.
 */
public final class CliFunctions implements AutoCloseable {
  private final GeoProvider geo;
  private final LazyTables tables;
  private final FunctionRegistry registry;

  private CliFunctions(GeoProvider geo, LazyTables tables, FunctionRegistry registry) {
    this.geo = geo;
    this.tables = tables;
    this.registry = registry;
  }

  /**
   * Composes the registry.
   *
   * @param data the data directory (GeoIP database, tables)
   * @param configDir the config directory (CONFIG_GET/PUT, PARSER_INIT, global config)
   * @param loader validates configs for CONFIG_PUT
   * @param interactive whether SHELL_EDIT may take the terminal
   */
  public static CliFunctions open(
      Path data, Path configDir, ConfigLoader loader, BooleanSupplier interactive) {
    GeoProvider geo =
        new GeoProvider(
            GeoFiles.location(data, () -> geoSetting(configDir)),
            Clock.systemUTC(),
            Duration.ofSeconds(5));
    LazyTables tables = new LazyTables(data);
    AtomicReference<FunctionRegistry> all = new AtomicReference<>();
    FunctionRegistry registry =
        PipelineFunctions.extend(
                ProfileFunctions.register(
                    FunctionRegistry.builtin(),
                    FileProfileStore.inDataDir(data),
                    Clock.systemUTC()),
                geo,
                tables,
                sensor -> parserConfig(configDir, sensor),
                all)
            .withAll(KafkaFunctions.all())
            .with(StellarPacketFilter.BYTEARRAY_MATCHER)
            .withAll(FileFunctions.all())
            .withAll(new ConfigFunctions(() -> configDir, loader).all())
            .with(new ShellEdit(interactive, System::getenv).function());
    all.set(registry);
    return new CliFunctions(geo, tables, registry);
  }

  /** What docs/stellar.md says about where the functions of this registry run. */
  public static final String DOC_PREFACE =
      """
      ## Where functions run

      `metron stellar` (the shell, `-e`, `--batch`) has every available function below, with the
      global config of the config directory (`--config-dir`) and the GeoIP database and tables of
      the data directory (`--data`). Parser and enrichment configs compile against Stellar's own
      functions and metron-pipeline's (GEO_GET, ASN_GET, ENRICHMENT_*, OBJECT_GET, REST_*, the
      management functions); a config that calls a shell-only function (KAFKA_*, LOCAL_*, HDFS_*,
      CONFIG_*, SHELL_EDIT) fails at load, naming the function, as Metron's topologies did not have
      them either. Pcap queries add BYTEARRAY_MATCHER.

      Settings functions read from the global config, as in Metron: `asn.hdfs.file` (ASN_GET);
      `stellar.rest.settings`, `stellar.rest.get.settings`, `stellar.rest.post.settings` (REST_GET,
      REST_POST: `timeout`, `connect.timeout`, `basic.auth.user`, `basic.auth.password.path`,
      `proxy.host`, `proxy.port`, `proxy.basic.auth.user`, `proxy.basic.auth.password.path`,
      `response.codes.allowed`, `empty.content.override`, `error.value.override`, `enforce.json`,
      `verify.content.length`); `object.cache.size`, `object.cache.expiration.minutes`,
      `object.cache.max.file.size` (OBJECT_GET) and `enrichment.object.get.settings`
      (ENRICHMENT_OBJECT_GET); `bootstrap.servers` and `stellar.kafka.poll.timeout`,
      `stellar.kafka.max.wait.millis`, `stellar.kafka.message.view` (KAFKA_*; every global key is
      passed to the Kafka client, then the call's config map). OBJECT_GET reads Java-serialized
      values of `java.lang`, `java.util`, `java.math` and `io.metron` classes from a local file.
      HDFS_* work on local paths (or `file://`); `hdfs://` needs a Hadoop client, which this version
      does not include, and is an error saying so. Config edits (PARSER_STELLAR_TRANSFORM_ADD,
      THREAT_TRIAGE_ADD, ...) return the given JSON with only the edited keys changed, where Metron
      returned its whole serialized config object with every default filled in.
      """;

  public FunctionRegistry registry() {
    return registry;
  }

  /**
   * The global config of {@code configDir} ({@code global.json}) as functions see it; empty when
   * there is none.
   *
   * @throws UncheckedIOException naming the file when it cannot be read or is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> globalConfig(Path configDir) {
    Path file = configDir.resolve("global.json");
    try {
      Object value =
          MessageCodec.JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
      if (value instanceof Map<?, ?> map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
      }
      throw new IOException("not a JSON object");
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static Object geoSetting(Path configDir) {
    try {
      return globalConfig(configDir).get(GeoFiles.GLOBAL_KEY);
    } catch (UncheckedIOException e) {
      return null; // a broken global.json is reported when the shell starts
    }
  }

  private static Optional<String> parserConfig(Path configDir, String sensor) {
    if (!sensor.matches("[A-Za-z0-9_.\\-]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Files.readString(
              configDir.resolve("parsers").resolve(sensor + ".json"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    tables.close();
    geo.close();
  }

  /** The tables under the data directory, opened when first read. */
  private static final class LazyTables implements EnrichmentLookup, AutoCloseable {
    private final Path data;
    private volatile Tables tables;

    LazyTables(Path data) {
      this.data = data;
    }

    private Tables tables() {
      Tables t = tables;
      if (t == null) {
        synchronized (this) {
          if (tables == null) {
            try {
              tables = Tables.open(data);
            } catch (IOException e) {
              throw new UncheckedIOException("cannot open the enrichment tables under " + data, e);
            }
          }
          t = tables;
        }
      }
      return t;
    }

    @Override
    public Map<String, Object> get(String type, String indicator) {
      return tables().get(type, indicator);
    }

    @Override
    public synchronized void close() {
      if (tables != null) {
        tables.close();
      }
    }
  }
}
