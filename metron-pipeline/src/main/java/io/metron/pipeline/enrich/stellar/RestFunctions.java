package io.metron.pipeline.enrich.stellar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metron's {@code REST_GET} and {@code REST_POST}: call a JSON HTTP service from a rule and return
 * its parsed answer. Settings come, each overriding the one before, from the defaults, the global
 * config's {@code stellar.rest.settings}, then {@code stellar.rest.get.settings} or {@code
 * stellar.rest.post.settings}, then the call's {@code rest_config} map. Keys, as Metron's:
 *
 * <ul>
 *   <li>{@code timeout} (ms, default 1000): the whole call's limit; {@code connect.timeout} the
 *       connection's ({@code connection.request.timeout} and {@code socket.timeout} are accepted
 *       and bounded by {@code timeout} here);
 *   <li>{@code basic.auth.user}, {@code basic.auth.password.path} (a file holding the password):
 *       sent preemptively;
 *   <li>{@code proxy.host}, {@code proxy.port}, {@code proxy.basic.auth.user}, {@code
 *       proxy.basic.auth.password.path};
 *   <li>{@code response.codes.allowed} (default [200]), {@code empty.content.override} (the value
 *       for an empty body, default null), {@code error.value.override} (the value for any failure,
 *       default null), {@code enforce.json} (default true: the answer must be application/json),
 *       {@code verify.content.length} (default false);
 *   <li>{@code pooling.max.total}, {@code pooling.default.max.per.route}: accepted; the JDK client
 *       pools connections itself.
 * </ul>
 *
 * A failure never stops the message: it is logged and the call returns {@code
 * error.value.override}. Thread-safe; clients are shared per proxy and connect timeout.
 */
public final class RestFunctions {
  private static final Logger LOG = LoggerFactory.getLogger(RestFunctions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String SETTINGS = "stellar.rest.settings";
  public static final String GET_SETTINGS = "stellar.rest.get.settings";
  public static final String POST_SETTINGS = "stellar.rest.post.settings";

  private record ClientKey(
      String proxyHost, int proxyPort, String proxyUser, String proxyPassword, long connect) {}

  private static final Map<ClientKey, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  private RestFunctions() {}

  /** REST_GET and REST_POST. */
  public static List<StellarFunction> all() {
    return List.of(restGet(), restPost());
  }

  private static FunctionDescriptor.Builder restConfig(FunctionDescriptor.Builder b) {
    return b.optional("rest_config", "Map", "settings overriding the global ones, e.g. timeout")
        .optional("query_parameters", "Map", "parameters added to the URL's query")
        .returns(
            "the parsed JSON answer (Map or List); empty.content.override for an empty body;"
                + " error.value.override when the call fails")
        .nondeterministic();
  }

  static StellarFunction restGet() {
    return StellarFunction.of(
        restConfig(
                FunctionDescriptor.builder("REST_GET")
                    .param("url", "String", "the URL to GET")
                    .description("Calls a JSON HTTP service with GET and returns its answer."))
            .build(),
        (args, context) -> {
          Map<String, Object> settings = settings(context, GET_SETTINGS, arg(args, 1));
          return call("REST_GET", args.get(0), null, settings, arg(args, 2));
        });
  }

  static StellarFunction restPost() {
    return StellarFunction.of(
        restConfig(
                FunctionDescriptor.builder("REST_POST")
                    .param("url", "String", "the URL to POST to")
                    .param(
                        "post_data",
                        "String or Map",
                        "the JSON body: a JSON string, or a map written as JSON")
                    .description("Calls a JSON HTTP service with POST and returns its answer."))
            .build(),
        (args, context) -> {
          Map<String, Object> settings = settings(context, POST_SETTINGS, arg(args, 2));
          return call(
              "REST_POST", args.get(0), body(args.get(1), settings), settings, arg(args, 3));
        });
  }

  private static Object arg(List<Object> args, int i) {
    return args.size() > i ? args.get(i) : null;
  }

  private static Map<String, Object> settings(
      StellarContext context, String methodKey, Object callSettings) {
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put("timeout", 1000);
    merged.put("response.codes.allowed", List.of(200));
    merged.put("enforce.json", true);
    merged.put("verify.content.length", false);
    putAll(merged, context.globalConfig().get(SETTINGS), SETTINGS);
    putAll(merged, context.globalConfig().get(methodKey), methodKey);
    putAll(merged, callSettings, "rest_config");
    return merged;
  }

  private static void putAll(Map<String, Object> into, Object settings, String where) {
    if (settings == null) {
      return;
    }
    if (!(settings instanceof Map<?, ?> map)) {
      throw new StellarException(where + " must be a map of REST settings, got " + settings);
    }
    map.forEach((k, v) -> into.put(String.valueOf(k), v));
  }

  private static String body(Object data, Map<String, Object> settings) {
    if (data == null) {
      throw new StellarException("REST_POST: post_data is required");
    }
    if (data instanceof Map<?, ?> || data instanceof Collection<?>) {
      try {
        return JSON.writeValueAsString(data);
      } catch (JsonProcessingException e) {
        throw new StellarException("REST_POST: post_data cannot be written as JSON: " + e);
      }
    }
    String text = data.toString();
    if (bool(settings.get("enforce.json"))) {
      try {
        JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new StellarException(
            "REST_POST: post_data is not valid JSON: " + e.getOriginalMessage());
      }
    }
    return text;
  }

  private static Object call(
      String function, Object url, String body, Map<String, Object> settings, Object query) {
    if (url == null) {
      throw new StellarException(function + ": url is required");
    }
    URI uri = uri(function, url.toString(), query);
    try {
      HttpResponse<byte[]> response = send(uri, body, settings);
      return answer(function, uri, response, settings);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} {} failed: {}", function, uri, e.toString());
      return settings.get("error.value.override");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return settings.get("error.value.override");
    }
  }

  private static URI uri(String function, String url, Object query) {
    StringBuilder sb = new StringBuilder(url);
    if (query != null) {
      if (!(query instanceof Map<?, ?> params)) {
        throw new StellarException(function + ": query_parameters must be a map, got " + query);
      }
      String sep = url.contains("?") ? "&" : "?";
      for (Map.Entry<?, ?> e : params.entrySet()) {
        sb.append(sep)
            .append(URLEncoder.encode(String.valueOf(e.getKey()), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8));
        sep = "&";
      }
    }
    try {
      URI uri = URI.create(sb.toString());
      if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new StellarException(function + ": '" + url + "' is not a URL: " + e.getMessage());
    }
  }

  private static HttpResponse<byte[]> send(URI uri, String body, Map<String, Object> settings)
      throws IOException, InterruptedException {
    long timeout = number(settings.get("timeout"), 1000);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeout));
    String user = string(settings.get("basic.auth.user"));
    if (user != null) {
      String password = password(settings.get("basic.auth.password.path"));
      String token = user + ":" + (password == null ? "" : password);
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    request.header("Accept", "application/json");
    if (body == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return client(settings, timeout).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpClient client(Map<String, Object> settings, long timeout) {
    String proxyHost = string(settings.get("proxy.host"));
    int proxyPort = (int) number(settings.get("proxy.port"), 8080);
    String proxyUser = string(settings.get("proxy.basic.auth.user"));
    String proxyPassword =
        proxyUser == null ? null : password(settings.get("proxy.basic.auth.password.path"));
    long connect = number(settings.get("connect.timeout"), timeout);
    ClientKey key = new ClientKey(proxyHost, proxyPort, proxyUser, proxyPassword, connect);
    return CLIENTS.computeIfAbsent(
        key,
        k -> {
          HttpClient.Builder b =
              HttpClient.newBuilder()
                  .connectTimeout(Duration.ofMillis(Math.max(1, k.connect())))
                  .followRedirects(HttpClient.Redirect.NORMAL);
          if (k.proxyHost() != null) {
            b.proxy(ProxySelector.of(new InetSocketAddress(k.proxyHost(), k.proxyPort())));
            if (k.proxyUser() != null) {
              b.authenticator(
                  new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                      if (getRequestorType() != RequestorType.PROXY) {
                        return null;
                      }
                      String pw = k.proxyPassword() == null ? "" : k.proxyPassword();
                      return new PasswordAuthentication(k.proxyUser(), pw.toCharArray());
                    }
                  });
            }
          }
          return b.build();
        });
  }

  private static Object answer(
      String function, URI uri, HttpResponse<byte[]> response, Map<String, Object> settings)
      throws IOException {
    int status = response.statusCode();
    if (!allowed(settings.get("response.codes.allowed"), status)) {
      throw new IOException("status " + status + " is not in response.codes.allowed");
    }
    byte[] content = response.body();
    if (bool(settings.get("verify.content.length"))) {
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared >= 0 && declared != content.length) {
        throw new IOException(
            "Content-Length " + declared + " does not match the " + content.length + " bytes read");
      }
    }
    if (content.length == 0) {
      return settings.get("empty.content.override");
    }
    if (bool(settings.get("enforce.json"))) {
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new IOException(
            "the answer's Content-Type is '" + type + "', not application/json (enforce.json)");
      }
    }
    return JSON.readValue(content, Object.class);
  }

  private static boolean allowed(Object codes, int status) {
    if (codes instanceof Collection<?> list) {
      for (Object code : list) {
        if (number(code, -1) == status) {
          return true;
        }
      }
      return false;
    }
    return codes == null ? status == 200 : number(codes, -1) == status;
  }

  private static String password(Object path) {
    if (path == null) {
      return null;
    }
    try {
      return Files.readString(Path.of(path.toString()), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new StellarException("REST: cannot read the password file " + path + ": " + e);
    }
  }

  private static String string(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static boolean bool(Object value) {
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }

  private static long number(Object value, long otherwise) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? otherwise : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
