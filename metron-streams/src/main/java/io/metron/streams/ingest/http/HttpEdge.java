package io.metron.streams.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.metron.streams.ingest.EdgeCounters;
import io.metron.streams.ingest.EdgeStats;
import io.metron.streams.ingest.EventSink;
import io.metron.streams.ingest.IngestEdge;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge.
 *
 * <ul>
 *   <li>{@code POST /ingest/<sensor>}: the body holds events separated by LF (a CR before it is
 *       dropped; empty lines are skipped). 200 {@code {"accepted": N}} once Kafka has every event;
 *       404 for an unknown sensor, 400 for a body without events, 413 over the size limit, 503 when
 *       Kafka did not take them all (retry: delivery is at least once). Errors are JSON {@code
 *       {"error": "..."}}. Bound to loopback it needs no token; bound beyond it, it needs {@code
 *       Authorization: Bearer <token>} (or {@code Splunk <token>}) naming an HEC token that allows
 *       the sensor, and answers 401 without one.
 *   <li>{@code POST /services/collector/event} (also {@code /services/collector} and {@code
 *       .../event/1.0}): Splunk HEC's JSON envelopes, see {@link HecBatch}; {@code POST
 *       /services/collector/raw}: the body's lines are the events. Both need {@code Authorization:
 *       Splunk <token>} and answer with HEC's codes ({@link HecStatus}), {@code
 *       {"text":"Success","code":0}} once Kafka has every event. {@code GET
 *       /services/collector/health} answers HEC's health.
 * </ul>
 *
 * <p>Bodies may be gzip-compressed ({@code Content-Encoding: gzip}); the limit applies to the
 * decoded size. {@link #routes(JavalinConfig)} adds these routes to any Javalin server, so the REST
 * API can share the port; {@link #start()} runs them on a server of their own. Thread-safe.
 */
public final class HttpEdge implements IngestEdge {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST = "http-ingest";
  private static final String HEC = "http-hec";

  private final HttpSettings settings;
  private final EventSink sink;
  private final Supplier<? extends Collection<String>> sensors;
  private final List<Consumer<JavalinConfig>> sharedRoutes;
  private final Map<String, EdgeCounters> counters = new ConcurrentHashMap<>();
  private final boolean loopbackOnly;
  private Javalin server;

  /**
   * @param sensors the sensors {@code /ingest/<sensor>} accepts, asked on every request so a config
   *     change applies at once
   * @param sharedRoutes more routes for {@link #start()}'s server, such as the REST API's
   */
  public HttpEdge(
      HttpSettings settings,
      EventSink sink,
      Supplier<? extends Collection<String>> sensors,
      List<Consumer<JavalinConfig>> sharedRoutes) {
    this.settings = settings;
    this.sink = sink;
    this.sensors = sensors;
    this.sharedRoutes = List.copyOf(sharedRoutes);
    this.loopbackOnly = isLoopback(settings.host());
  }

  public HttpEdge(
      HttpSettings settings, EventSink sink, Supplier<? extends Collection<String>> sensors) {
    this(settings, sink, sensors, List.of());
  }

  @Override
  public String name() {
    return "http:" + port();
  }

  /** Adds the ingest and HEC routes, and the body limit they rely on, to a Javalin config. */
  public void routes(JavalinConfig config) {
    config.http.maxRequestSize = Math.max(config.http.maxRequestSize, settings.maxBodyBytes());
    config.routes.post("/ingest/{sensor}", this::ingest);
    for (String path :
        List.of(
            "/services/collector", "/services/collector/event", "/services/collector/event/1.0")) {
      config.routes.post(path, ctx -> hec(ctx, false));
    }
    for (String path : List.of("/services/collector/raw", "/services/collector/raw/1.0")) {
      config.routes.post(path, ctx -> hec(ctx, true));
    }
    for (String path : List.of("/services/collector/health", "/services/collector/health/1.0")) {
      config.routes.get(path, ctx -> hecAnswer(ctx, HecStatus.HEALTHY, -1));
    }
    config.routes.post(
        "/services/collector/ack", ctx -> hecAnswer(ctx, HecStatus.ACK_DISABLED, -1));
  }

  /** Starts a server of its own on the configured address with these routes and shared ones. */
  @Override
  public void start() throws IOException {
    try {
      server =
          Javalin.create(
                  config -> {
                    config.startup.showJavalinBanner = false;
                    config.concurrency.useVirtualThreads = true;
                    routes(config);
                    sharedRoutes.forEach(r -> r.accept(config));
                  })
              .start(settings.host(), settings.port());
    } catch (RuntimeException e) {
      throw new IOException(
          "HTTP edge cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
          e);
    }
    LOG.info("HTTP ingest edge on {}:{}", settings.host(), server.port());
  }

  /** The server {@link #start()} started, for sharing; null before. */
  public Javalin javalin() {
    return server;
  }

  /** The bound port once started, else the configured one. */
  public int port() {
    return server == null ? settings.port() : server.port();
  }

  private void ingest(Context ctx) {
    String sensor = ctx.pathParam("sensor");
    if (!loopbackOnly && !ingestTokenAllows(ctx.header("Authorization"), sensor)) {
      error(
          ctx,
          401,
          "this server listens beyond loopback, so POST /ingest/"
              + sensor
              + " needs 'Authorization: Bearer <token>' with a token from the global config's"
              + " ingest.hec.tokens that allows '"
              + sensor
              + "'");
      return;
    }
    Collection<String> known = sensors.get();
    if (!known.contains(sensor)) {
      error(
          ctx,
          404,
          "unknown sensor '"
              + sensor
              + "'; known sensors: "
              + String.join(", ", new TreeSet<>(known)));
      return;
    }
    EdgeCounters c = counters(INGEST, sensor);
    byte[] body;
    try {
      body = readBody(ctx);
    } catch (TooLarge e) {
      c.oversize();
      error(ctx, 413, e.getMessage());
      return;
    } catch (IOException e) {
      error(ctx, 400, "cannot read the request body: " + e.getMessage());
      return;
    }
    List<byte[]> lines = lines(body);
    if (lines.isEmpty()) {
      error(ctx, 400, "the body has no events: send one event per line");
      return;
    }
    c.received(lines.size());
    List<CompletableFuture<Void>> sends = new ArrayList<>(lines.size());
    for (byte[] line : lines) {
      sends.add(c.track(sink.send(sensor, null, line)));
    }
    int n = lines.size();
    ctx.future(
        () ->
            whenAll(sends)
                .thenAccept(
                    failed -> {
                      if (failed == 0) {
                        json(ctx, 200, Map.of("accepted", n));
                      } else {
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put(
                            "error",
                            "Kafka did not acknowledge "
                                + failed
                                + " of "
                                + n
                                + " events; send the request again");
                        answer.put("failed", failed);
                        json(ctx, 503, answer);
                      }
                    }));
  }

  private void hec(Context ctx, boolean raw) {
    HecToken token;
    String auth = ctx.header("Authorization");
    if (auth == null || auth.isBlank()) {
      hecAnswer(ctx, HecStatus.TOKEN_REQUIRED, -1);
      return;
    }
    String[] parts = auth.trim().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Splunk")) {
      hecAnswer(ctx, HecStatus.INVALID_AUTHORIZATION, -1);
      return;
    }
    token = token(parts[1]);
    if (token == null) {
      hecAnswer(ctx, HecStatus.INVALID_TOKEN, -1);
      return;
    }
    if (token.disabled()) {
      hecAnswer(ctx, HecStatus.TOKEN_DISABLED, -1);
      return;
    }
    byte[] body;
    try {
      body = readBody(ctx);
    } catch (TooLarge e) {
      counters(HEC, token.sensor()).oversize();
      json(ctx, 413, Map.of("text", e.getMessage(), "code", HecStatus.INVALID_DATA_FORMAT.code()));
      return;
    } catch (IOException e) {
      hecAnswer(ctx, HecStatus.INVALID_DATA_FORMAT, -1);
      return;
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String name : List.of("host", "source", "sourcetype", "index")) {
      String value = ctx.queryParam(name);
      if (value != null && !value.isEmpty()) {
        defaults.put(name, value);
      }
    }
    List<HecBatch.Event> events;
    if (raw) {
      List<byte[]> lines = lines(body);
      if (lines.isEmpty()) {
        hecAnswer(ctx, HecStatus.NO_DATA, -1);
        return;
      }
      byte[] key = rawKey(defaults);
      events = new ArrayList<>(lines.size());
      for (byte[] line : lines) {
        events.add(new HecBatch.Event(defaults.get("index"), key, line));
      }
    } else {
      try {
        events = HecBatch.parse(body, defaults).events();
      } catch (HecBatch.Rejected e) {
        hecAnswer(ctx, e.status(), e.eventNumber());
        return;
      }
    }
    List<String> targets = new ArrayList<>(events.size());
    Collection<String> known = sensors.get();
    for (int i = 0; i < events.size(); i++) {
      String index = events.get(i).index();
      String sensor = index == null ? token.sensor() : index;
      if (!token.allows(sensor) || !known.contains(sensor)) {
        hecAnswer(ctx, HecStatus.INCORRECT_INDEX, raw ? -1 : i);
        return;
      }
      targets.add(sensor);
    }
    List<CompletableFuture<Void>> sends = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      HecBatch.Event event = events.get(i);
      EdgeCounters c = counters(HEC, targets.get(i));
      c.received(1);
      sends.add(c.track(sink.send(targets.get(i), event.key(), event.value())));
    }
    ctx.future(
        () ->
            whenAll(sends)
                .thenAccept(
                    failed ->
                        hecAnswer(
                            ctx, failed == 0 ? HecStatus.SUCCESS : HecStatus.SERVER_BUSY, -1)));
  }

  /**
   * Whether an {@code Authorization: Bearer|Splunk <token>} header names a token for the sensor.
   */
  private boolean ingestTokenAllows(String auth, String sensor) {
    if (auth == null) {
      return false;
    }
    String[] parts = auth.trim().split("\\s+", 2);
    if (parts.length != 2
        || !(parts[0].equalsIgnoreCase("Bearer") || parts[0].equalsIgnoreCase("Splunk"))) {
      return false;
    }
    HecToken t = token(parts[1]);
    return t != null && !t.disabled() && t.allows(sensor);
  }

  /** Whether {@code host} only accepts connections from this machine. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private HecToken token(String presented) {
    byte[] given = presented.trim().getBytes(StandardCharsets.UTF_8);
    HecToken match = null;
    for (HecToken t : settings.hecTokens()) {
      // Compare every token in constant time, so response timing reveals nothing.
      if (MessageDigest.isEqual(given, t.token().getBytes(StandardCharsets.UTF_8))) {
        match = t;
      }
    }
    return match;
  }

  private static byte[] rawKey(Map<String, String> defaults) {
    if (defaults.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(defaults);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a map of strings as JSON", e);
    }
  }

  /** Completes with the number of failed sends once all are done; never exceptionally. */
  private static CompletableFuture<Integer> whenAll(List<CompletableFuture<Void>> sends) {
    int[] failed = {0};
    CompletableFuture<?>[] guarded = new CompletableFuture<?>[sends.size()];
    for (int i = 0; i < sends.size(); i++) {
      guarded[i] =
          sends
              .get(i)
              .handle(
                  (ok, error) -> {
                    if (error != null) {
                      synchronized (failed) {
                        failed[0]++;
                      }
                    }
                    return null;
                  });
    }
    return CompletableFuture.allOf(guarded)
        .thenApply(
            v -> {
              synchronized (failed) {
                return failed[0];
              }
            });
  }

  /** Splits on LF, drops a CR before it, skips empty lines. */
  static List<byte[]> lines(byte[] body) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        if (end > start) {
          lines.add(Arrays.copyOfRange(body, start, end));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private byte[] readBody(Context ctx) throws IOException, TooLarge {
    long limit = settings.maxBodyBytes();
    long declared = ctx.contentLength();
    if (declared > limit) {
      throw new TooLarge(declared, limit);
    }
    InputStream in = ctx.bodyInputStream();
    String encoding = ctx.header("Content-Encoding");
    if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      try {
        in = new GZIPInputStream(in);
      } catch (ZipException e) {
        throw new IOException("Content-Encoding is gzip but the body is not gzip data");
      }
    } else if (encoding != null
        && !encoding.isBlank()
        && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new IOException("unsupported Content-Encoding '" + encoding + "' (gzip is)");
    }
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (body.length > limit) {
      throw new TooLarge(-1, limit);
    }
    return body;
  }

  private EdgeCounters counters(String edge, String sensor) {
    return counters.computeIfAbsent(edge + "\u0000" + sensor, k -> new EdgeCounters(edge, sensor));
  }

  private static void hecAnswer(Context ctx, HecStatus status, int eventNumber) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", status.text());
    body.put("code", status.code());
    if (eventNumber >= 0) {
      body.put("invalid-event-number", eventNumber);
    }
    json(ctx, status.httpStatus(), body);
  }

  private static void error(Context ctx, int status, String message) {
    json(ctx, status, Map.of("error", message));
  }

  private static void json(Context ctx, int status, Map<String, ?> body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a response map as JSON", e);
    }
  }

  @Override
  public List<EdgeStats> stats() {
    List<EdgeStats> stats = new ArrayList<>();
    counters.values().forEach(c -> stats.add(c.snapshot()));
    return stats;
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
    sink.flush();
  }

  /** A body over the limit. */
  private static final class TooLarge extends Exception {
    TooLarge(long declared, long limit) {
      super(
          (declared >= 0 ? "the body of " + declared + " bytes" : "the body")
              + " is over the limit of "
              + limit
              + " bytes; send smaller batches");
    }
  }
}
