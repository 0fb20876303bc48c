package io.metron.server.ui;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Serves the Alerts UI's static files, built by {@code metron-ui} into {@code
 * META-INF/resources/metron-ui/} of its jar, at {@code /}. They hold no data, so they are served
 * without authentication (the login page must load); every data call they make needs it. The files
 * are read once, at start, so a request costs no disk access.
 */
public final class UiAssets {
  /** Where the metron-ui jar keeps the built UI. */
  static final String ROOT = "META-INF/resources/metron-ui/";

  /** The paths served, which need no authentication. */
  public static final Set<String> PATHS = Set.of("/", "/index.html", "/app.js", "/app.css");

  private static final Map<String, String> TYPES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private UiAssets() {
    for (String name : TYPES.keySet()) {
      try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
        if (in != null) {
          files.put(name, in.readAllBytes());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the UI file " + ROOT + name, e);
      }
    }
  }

  /** Adds the UI's routes to a Javalin server. */
  public static void mount(JavalinConfig config) {
    UiAssets assets = new UiAssets();
    config.routes.get("/", ctx -> assets.send(ctx, "index.html"));
    for (String name : TYPES.keySet()) {
      config.routes.get("/" + name, ctx -> assets.send(ctx, name));
    }
  }

  private void send(Context ctx, String name) {
    byte[] body = files.get(name);
    if (body == null) {
      ctx.status(503)
          .contentType("text/plain; charset=utf-8")
          .result(
              "The Alerts UI is not in this build: metron-ui's jar (built with npm) is not on the"
                  + " classpath. The REST API under /api/v1 works without it.");
      return;
    }
    // The page is small and changes with each build: revalidate rather than cache stale code.
    ctx.header("Cache-Control", "no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'")
        .contentType(TYPES.get(name))
        .result(body);
  }
}
