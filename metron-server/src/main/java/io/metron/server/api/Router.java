package io.metron.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.metron.search.SearchException;
import io.metron.server.auth.AuthException;
import io.metron.server.auth.Authenticator;
import io.metron.server.auth.Principal;
import io.metron.server.auth.Role;
import io.metron.server.auth.Sessions;
import io.metron.server.ui.UiAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts {@link Endpoint declarations} on a Javalin server: every request but {@code /health}, the
 * login route and the ingest edges (which check their own tokens) must authenticate; a write made
 * with a session cookie must carry the session's CSRF token; an ADMIN route refuses other users;
 * bodies over {@link #MAX_BODY_BYTES} are refused; and every failure is one JSON shape, {@code
 * {"error", "field", "responseCode"}}, with no stack trace (those go to the server log).
 */
public final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** The largest API request body. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** How much of an oversized body is read and discarded so that its 413 reaches the client. */
  static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;

  /** Sent by the command line with the local token: who is at the keyboard, for the audit log. */
  public static final String ON_BEHALF_HEADER = "X-Metron-User";

  private static final String PRINCIPAL = "metron.principal";
  private static final List<String> OWN_TOKENS = List.of("/ingest/", "/services/collector");

  private final List<Endpoint<?>> endpoints;
  private final Authenticator auth;
  private final Sessions sessions;
  private final Set<String> open = new TreeSet<>();

  public Router(List<Endpoint<?>> endpoints, Authenticator auth, Sessions sessions) {
    this.endpoints = List.copyOf(endpoints);
    this.auth = auth;
    this.sessions = sessions;
    open.add("/health");
    open.addAll(UiAssets.PATHS);
    for (Endpoint<?> e : endpoints) {
      if (e.access() == Access.PUBLIC) {
        open.add(e.path());
      }
    }
  }

  public List<Endpoint<?>> endpoints() {
    return endpoints;
  }

  /** Adds the checks, the routes and the error handling to {@code config}. */
  public void mount(JavalinConfig config) {
    config.routes.before(this::authenticate);
    for (Endpoint<?> e : endpoints) {
      config.routes.addHttpHandler(e.method(), e.path(), ctx -> handle(e, ctx));
    }
    config.routes.exception(Exception.class, Router::failure);
    // Javalin answers an unknown path in plain text; keep the API's one error shape.
    config.routes.error(
        404,
        ctx -> {
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            respond(ctx, 404, "no route " + ctx.method() + " " + ctx.path(), null);
          }
        });
  }

  private void authenticate(Context ctx) throws AuthException {
    String path = ctx.path();
    if (open.contains(path) || OWN_TOKENS.stream().anyMatch(path::startsWith)) {
      return;
    }
    Principal principal =
        auth.authenticate(
            ctx.header("Authorization"),
            ctx.cookie(Sessions.COOKIE),
            ctx.header(ON_BEHALF_HEADER),
            ctx.ip());
    if (principal.via() == Principal.Via.SESSION && writes(ctx.method().name())) {
      Sessions.Session session =
          sessions
              .find(principal.sessionId())
              .orElseThrow(() -> new ApiException(401, "the session has ended; log in again"));
      if (!Sessions.csrfMatches(session, ctx.header(Sessions.CSRF_HEADER))) {
        throw new ApiException(
            403,
            "a write made with the session cookie needs the "
                + Sessions.CSRF_HEADER
                + " header holding the csrfToken the login returned",
            Sessions.CSRF_HEADER);
      }
    }
    ctx.attribute(PRINCIPAL, principal);
  }

  private static boolean writes(String method) {
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }

  private static <B> void handle(Endpoint<B> e, Context ctx) throws Exception {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (e.access() == Access.ADMIN && (principal == null || !principal.has(Role.ADMIN))) {
      throw new ApiException(
          403,
          e.method()
              + " "
              + e.path()
              + " needs the ADMIN role; "
              + (principal == null ? "the caller" : principal.user())
              + " has "
              + (principal == null ? "none" : new TreeSet<>(principal.roles())));
    }
    B body = decode(e.body(), ctx);
    Object result = e.action().run(new Call<>(ctx, principal, body));
    if (result == Endpoint.HANDLED) {
      return;
    }
    ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(result));
  }

  private static <B> B decode(Class<B> type, Context ctx) {
    if (type == Void.class) {
      return null;
    }
    String contentType = ctx.contentType();
    if (FormBody.class.isAssignableFrom(type)
        && contentType != null
        && contentType
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded")) {
      if (ctx.contentLength() > MAX_BODY_BYTES) {
        throw tooLarge(ctx);
      }
      Map<String, Object> form = new LinkedHashMap<>();
      ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? null : v.getFirst()));
      return Json.convert(form, type, null);
    }
    byte[] bytes = readLimited(ctx);
    if (type == String.class) {
      return type.cast(new String(bytes, StandardCharsets.UTF_8));
    }
    return Json.read(bytes, type);
  }

  private static byte[] readLimited(Context ctx) {
    if (ctx.contentLength() > MAX_BODY_BYTES) {
      throw tooLarge(ctx);
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge(ctx);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The 413 for an oversized body. A modestly oversized body is read and discarded first: answering
   * while the client is still sending makes the server close the connection under it, and the
   * client then sees a reset instead of the 413 that says what was wrong. Past {@link
   * #DRAIN_LIMIT_BYTES} the connection is simply closed.
   */
  private static ApiException tooLarge(Context ctx) {
    long declared = ctx.contentLength();
    if (declared <= DRAIN_LIMIT_BYTES) {
      try (InputStream in = ctx.bodyInputStream()) {
        byte[] sink = new byte[64 * 1024];
        long drained = 0;
        int n;
        while (drained < DRAIN_LIMIT_BYTES && (n = in.read(sink)) >= 0) {
          drained += n;
        }
      } catch (IOException | RuntimeException e) {
        // the client went away or sent less than it declared; the 413 stands either way
      }
    }
    return new ApiException(413, "the body is over the limit of " + MAX_BODY_BYTES + " bytes");
  }

  /** Every failure as one JSON shape; unexpected ones are logged, never shown. */
  static void failure(Exception e, Context ctx) {
    switch (e) {
      case ApiException a -> respond(ctx, a.status(), a.getMessage(), a.field());
      case AuthException a -> {
        if (a.status() == 401 && !"XMLHttpRequest".equals(ctx.header("X-Requested-With"))) {
          ctx.header("WWW-Authenticate", "Basic realm=\"metron\", charset=\"UTF-8\"");
        }
        if (a.retryAfter() != null) {
          ctx.header("Retry-After", String.valueOf(Math.max(1, a.retryAfter().toSeconds())));
        }
        respond(ctx, a.status(), a.getMessage(), null);
      }
      case HttpResponseException h -> respond(ctx, h.getStatus(), h.getMessage(), null);
      case SearchException s -> respond(ctx, 400, s.getMessage(), null);
      case IllegalArgumentException i -> respond(ctx, 400, i.getMessage(), null);
      default -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        respond(ctx, 500, "internal error; the server log has the details", null);
      }
    }
  }

  static void respond(Context ctx, int status, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("field", field);
    body.put("responseCode", status);
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(Json.MAPPER.writeValueAsBytes(body));
    } catch (IOException io) {
      ctx.status(status).result("{\"error\": \"cannot write the error\"}");
    }
  }
}
