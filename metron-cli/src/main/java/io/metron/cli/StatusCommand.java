package io.metron.cli;

import io.metron.server.ServerFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metron status}: what a running platform is doing, from its {@code /metrics}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a running platform's counters: per sensor, records parsed and failed; messages",
      "enriched and indexed; how far indexing is behind; end-to-end latency; ingest edges.",
      "Reads http://HOST:PORT/metrics (the same figures Prometheus scrapes), authenticated with",
      "the running server's local token from --data, or METRON_TOKEN (an API token).",
      "",
      "Example:  metron status --http-port 8080"
    })
final class StatusCommand implements Callable<Integer> {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+0-9.eEInfNa]+)$");

  @Option(
      names = "--http-host",
      defaultValue = "127.0.0.1",
      description = "Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--http-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
  int port;

  @CommandLine.Mixin Locations locations;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String text;
    String authorization =
        ServerFile.find(locations.data)
            .map(ServerClient::authorization)
            .orElse(
                System.getenv("METRON_TOKEN") == null
                    ? null
                    : "Bearer " + System.getenv("METRON_TOKEN"));
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
              .timeout(Duration.ofSeconds(10));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401) {
        throw new UserException(
            "/metrics needs credentials: give the running platform's --data directory, or set"
                + " METRON_TOKEN to an API token ('metron token create')");
      }
      if (response.statusCode() != 200) {
        throw new UserException(
            "http://" + host + ":" + port + "/metrics answered " + response.statusCode());
      }
      text = response.body();
    } catch (IOException e) {
      throw new UserException(
          "no platform answers on http://"
              + host
              + ":"
              + port
              + " (is 'metron run' running, and on which --http-port?)");
    }
    Map<String, Double> series = parse(text);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Parsing (records by outcome)");
    Map<String, Map<String, Double>> bySensor = new TreeMap<>();
    series.forEach(
        (name, value) -> {
          if (name.startsWith("metron_parse_total{")) {
            bySensor
                .computeIfAbsent(label(name, "sensor"), k -> new TreeMap<>())
                .put(label(name, "outcome"), value);
          }
        });
    bySensor.forEach(
        (sensor, outcomes) ->
            out.printf(
                "  %-16s parsed %,12.0f   invalid %,9.0f   error %,9.0f   filtered %,9.0f%n",
                sensor,
                outcomes.getOrDefault("parsed", 0.0),
                outcomes.getOrDefault("invalid", 0.0),
                outcomes.getOrDefault("error", 0.0),
                outcomes.getOrDefault("filtered", 0.0)));
    out.printf(
        "Enrichment         enriched %,12.0f   error %,9.0f%n",
        series.getOrDefault("metron_enrich_total{outcome=\"enriched\"}", 0.0),
        series.getOrDefault("metron_enrich_total{outcome=\"error\"}", 0.0));
    for (String writer : new String[] {"search", "archive"}) {
      String label = "{writer=\"" + writer + "\"}";
      out.printf(
          "Indexing %-9s  written %,13.0f   behind %,9.0f records%n",
          writer,
          series.getOrDefault("metron_indexed_total" + label, 0.0),
          series.getOrDefault("metron_index_lag_records" + label, 0.0));
    }
    out.printf(
        "Latency            p50 <= %s   p99 <= %s   (arrival to searchable)%n",
        quantile(series, 0.5), quantile(series, 0.99));
    boolean header = false;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      if (e.getKey().startsWith("metron_ingest_events_total{")
          && e.getKey().contains("outcome=\"received\"")) {
        if (!header) {
          out.println("Ingest edges (received / written / dropped)");
          header = true;
        }
        String prefix = e.getKey().substring(0, e.getKey().indexOf("outcome="));
        out.printf(
            "  %-28s %-12s %,12.0f %,12.0f %,9.0f%n",
            label(e.getKey(), "edge"),
            label(e.getKey(), "sensor"),
            e.getValue(),
            series.getOrDefault(prefix + "outcome=\"written\"}", 0.0),
            series.getOrDefault(prefix + "outcome=\"dropped\"}", 0.0));
      }
    }
    out.flush();
    return 0;
  }

  /** The upper bound of the histogram bucket holding quantile {@code q}, as text. */
  private static String quantile(Map<String, Double> series, double q) {
    double count =
        series.getOrDefault("metron_end_to_end_latency_seconds_count{writer=\"search\"}", 0.0);
    if (count == 0) {
      return "-";
    }
    TreeMap<Double, Double> buckets = new TreeMap<>();
    series.forEach(
        (name, value) -> {
          if (name.startsWith("metron_end_to_end_latency_seconds_bucket{writer=\"search\"")) {
            String le = label(name, "le");
            buckets.put(
                le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value);
          }
        });
    for (Map.Entry<Double, Double> b : buckets.entrySet()) {
      if (b.getValue() >= q * count) {
        return b.getKey().isInfinite() ? "> 10 min" : Math.round(b.getKey() * 1000) + " ms";
      }
    }
    return "-";
  }

  static Map<String, Double> parse(String text) {
    Map<String, Double> series = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (m.matches()) {
        String name = m.group(1) + (m.group(2) == null ? "" : m.group(2));
        try {
          series.put(name, Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
        } catch (NumberFormatException e) {
          // not a number we can show; skip the line
        }
      }
    }
    return series;
  }

  private static String label(String series, String label) {
    Matcher m = Pattern.compile(label + "=\"([^\"]*)\"").matcher(series);
    return m.find() ? m.group(1) : "";
  }
}
