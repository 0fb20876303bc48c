package io.metron.server;

import io.javalin.config.JavalinConfig;
import io.metron.search.metaalert.MetaAlerts;
import io.metron.search.metaalert.ScoreAggregation;
import io.metron.server.api.Access;
import io.metron.server.api.Endpoint;
import io.metron.server.api.OpenApi;
import io.metron.server.api.Router;
import io.metron.server.api.Routes;
import io.metron.server.auth.Authenticator;
import io.metron.server.auth.LoginLimiter;
import io.metron.server.auth.PasswordHasher;
import io.metron.server.auth.Sessions;
import io.metron.server.auth.TokenStore;
import io.metron.server.auth.UserStore;
import io.metron.server.routes.AlertWriter;
import io.metron.server.routes.ConfigFiles;
import io.metron.server.routes.ConfigRoutes;
import io.metron.server.routes.GrokRoutes;
import io.metron.server.routes.KafkaRoutes;
import io.metron.server.routes.MetaAlertRoutes;
import io.metron.server.routes.PcapRoutes;
import io.metron.server.routes.SearchRoutes;
import io.metron.server.routes.SensorRoutes;
import io.metron.server.routes.SensorStatuses;
import io.metron.server.routes.StellarRoutes;
import io.metron.server.routes.TableRoutes;
import io.metron.server.routes.UpdateRoutes;
import io.metron.server.routes.UserRoutes;
import io.metron.server.ui.UiAssets;
import io.metron.server.ui.UiRoutes;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The REST API, composed: users, tokens, sessions and the login limiter; the audit log; the one
 * alert writer; every endpoint group; and the OpenAPI document of them all. {@link #mount} adds it
 * to the platform's HTTP server, so the API, the ingest edges, {@code /metrics} and {@code /health}
 * share one listener.
 */
public final class ApiServer implements AutoCloseable {
  private final ServerContext context;
  private final UserStore users;
  private final TokenStore tokens;
  private final Router router;
  private final String localToken;
  private ServerFile published;
  private final UiRoutes ui;
  private final AtomicReference<ManagedPlatform> managed =
      new AtomicReference<>(ManagedPlatform.none());
  private final SensorStatuses statuses;
  private final TableRoutes tables;

  /**
   * @param secureCookies whether the server is reached over TLS (the session cookie is then marked
   *     Secure)
   */
  public ApiServer(ServerContext context, boolean secureCookies) {
    this.context = context;
    Path authDir = authDir(context.dataDir());
    this.users = new UserStore(authDir, PasswordHasher.standard());
    this.tokens = new TokenStore(authDir);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.localToken = "local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Sessions sessions = new Sessions(context.clock());
    Authenticator auth =
        new Authenticator(
            users,
            tokens,
            sessions,
            new LoginLimiter(context.clock()),
            context.audit(),
            context.clock(),
            localToken);
    MetaAlerts metas = new MetaAlerts(context.store(), context.clock(), ScoreAggregation.SUM);
    AlertWriter writer = new AlertWriter(context.store(), metas, context.audit());

    Routes routes = new Routes();
    UserRoutes.declare(routes, auth, sessions, context.audit(), secureCookies);
    SearchRoutes.declare(routes, context.store(), metas);
    UpdateRoutes.declare(routes, writer, context.clock());
    MetaAlertRoutes.declare(routes, metas, writer);
    ConfigFiles configFiles =
        new ConfigFiles(
            context.configDir(), context.loader(), () -> context.reloadConfigs().getAsBoolean());
    ConfigRoutes.declare(routes, configFiles, context.audit());
    StellarRoutes.declare(routes, configFiles);
    KafkaRoutes.declare(routes, context.kafka());
    PcapRoutes.declare(routes, context.dataDir(), context.clock());
    this.ui = UiRoutes.declare(routes, context);
    this.statuses =
        SensorRoutes.declare(
            routes, configFiles, context.audit(), managed::get, context.kafka(), context.clock());
    this.tables = TableRoutes.declare(routes, context.dataDir(), configFiles, context.audit());
    GrokRoutes.declare(routes);
    List<Endpoint<?>>[] declared = new List[1];
    routes
        .group("OpenAPI")
        .get(
            "/openapi.json",
            Access.USER,
            "This API's OpenAPI 3 document, generated from the route declarations",
            Map.class,
            call -> OpenApi.document(declared[0], version()));
    declared[0] = routes.all();
    this.router = new Router(declared[0], auth, sessions);
  }

  /** Where users and tokens live under a data directory. */
  public static Path authDir(Path dataDir) {
    return dataDir.resolve("auth");
  }

  /** Every declared endpoint, for the OpenAPI document and the contract test. */
  public List<Endpoint<?>> endpoints() {
    return router.endpoints();
  }

  public UserStore users() {
    return users;
  }

  public TokenStore tokens() {
    return tokens;
  }

  /**
   * Creates {@code admin} on the first start; see {@link UserStore#bootstrapAdmin}.
   *
   * @return the generated password to show once, or empty
   */
  public Optional<String> bootstrapAdmin(String chosen) {
    boolean first = users.list().isEmpty();
    Optional<String> generated = users.bootstrapAdmin(chosen);
    if (first) {
      context
          .audit()
          .record(
              "system",
              "user.add",
              UserStore.ADMIN,
              null,
              Map.of("roles", List.of("ADMIN", "USER")),
              null);
    }
    return generated;
  }

  /** Adds the API's routes, checks and error handling to the HTTP server's config. */
  public void mount(JavalinConfig config) {
    router.mount(config);
    UiAssets.mount(config);
  }

  /** Hands sensor management the running platform's metrics and enrichment resources. */
  public void manage(ManagedPlatform platform) {
    managed.set(platform);
  }

  /** Tells the command line where the server is (writes {@code <data>/server.json}). */
  public void published(String url) throws IOException {
    published = new ServerFile(url, localToken, ProcessHandle.current().pid());
    published.write(context.dataDir());
  }

  private static String version() {
    String v = ApiServer.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  @Override
  public void close() throws IOException {
    ui.close();
    statuses.close();
    tables.close();
    if (published != null) {
      published.remove(context.dataDir());
    }
  }
}
