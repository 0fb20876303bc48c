package io.metron.cli;

import io.metron.search.SearchStore;
import io.metron.server.ApiServer;
import io.metron.server.ManagedPlatform;
import io.metron.server.ServerContext;
import io.metron.server.Tls;
import io.metron.server.audit.AuditLog;
import io.metron.streams.Platform;
import io.metron.streams.config.LiveConfigs;
import io.metron.streams.ingest.http.HttpSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The REST API as {@code metron run} starts it: on the platform's HTTP server, with TLS when asked,
 * the first-start admin password, and {@code <data>/server.json} so the command line's writers find
 * it.
 */
final class ServerStart implements AutoCloseable {
  private final ApiServer api;
  private final Optional<String> generated;
  private final boolean tls;
  private String url;

  private ServerStart(ApiServer api, Optional<String> generated, boolean tls) {
    this.api = api;
    this.generated = generated;
    this.tls = tls;
  }

  static ServerStart prepare(
      Path tlsCert,
      Path tlsKey,
      HttpSettings http,
      Path data,
      Path configDir,
      SearchStore store,
      LiveConfigs live,
      Platform platform)
      throws UserException {
    Tls tls = null;
    if (tlsCert != null || tlsKey != null) {
      if (tlsCert == null || tlsKey == null) {
        throw new UserException("--tls-cert and --tls-key go together: give both");
      }
      try {
        tls = Tls.load(tlsCert, tlsKey);
      } catch (IOException e) {
        throw new UserException("cannot use TLS: " + e.getMessage());
      }
    }
    Clock clock = Clock.systemUTC();
    ApiServer api =
        new ApiServer(
            new ServerContext(
                data,
                configDir,
                Composition.configLoader(),
                store,
                live::get,
                live::reloadIfChanged,
                platform::bootstrapServers,
                AuditLog.in(data, clock),
                clock),
            tls != null);
    Optional<String> generated;
    try {
      generated = api.bootstrapAdmin(System.getenv("METRON_ADMIN_PASSWORD"));
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (tls != null) {
      platform.addRoutes(tls.connector(http.host(), http.port()));
    }
    platform.addRoutes(api::mount);
    return new ServerStart(api, generated, tls != null);
  }

  /** Publishes the server's address and shows a generated admin password, once. */
  void started(Platform platform, String host, PrintWriter out) throws IOException {
    String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    url = (tls ? "https" : "http") + "://" + reachable + ":" + platform.httpPort();
    api.published(url);
    generated.ifPresent(
        password ->
            out.printf(
                "Created user 'admin' with password: %s%n"
                    + "  (shown this once; change it with 'metron user passwd admin')%n",
                password));
  }

  /** Sensor management reads the platform's metrics and enrichment resources. */
  void manage(ManagedPlatform platform) {
    api.manage(platform);
  }

  String url() {
    return url;
  }

  @Override
  public void close() throws IOException {
    api.close();
  }
}
