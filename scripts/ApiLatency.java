import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST API latency under concurrent clients: each client alternates a search and a status patch
 * on one of the newest alerts, and the p50/p99 of each are printed. Run against a live `metron run`:
 *
 * <pre>java scripts/ApiLatency.java http://127.0.0.1:8080 admin:PASSWORD 20 100</pre>
 */
public class ApiLatency {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    String auth = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
    int clients = Integer.parseInt(args[2]);
    int perClient = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String search = "{\"query\": \"source.type:bro\", \"size\": 25, \"sort\": [{\"field\": \"timestamp\", \"sortOrder\": \"desc\"}], \"facetFields\": [\"ip_src_addr\"]}";
    String found = post(http, base, auth, "POST", "/api/v1/search/search", search);
    List<String> guids = new ArrayList<>();
    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(found);
    while (m.find()) {
      guids.add(m.group(1));
    }
    if (guids.isEmpty()) {
      throw new IllegalStateException("no bro documents to patch: " + found);
    }
    long[][] searchNanos = new long[clients][perClient];
    long[][] patchNanos = new long[clients][perClient];
    CountDownLatch done = new CountDownLatch(clients);
    String[] statuses = {"OPEN", "ESCALATE", "NEW"};
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < perClient; i++) {
            long t0 = System.nanoTime();
            post(http, base, auth, "POST", "/api/v1/search/search", search);
            searchNanos[client][i] = System.nanoTime() - t0;
            String guid = guids.get((client * perClient + i) % guids.size());
            String patch = "{\"guid\": \"" + guid + "\", \"sensorType\": \"bro\", \"patch\": [{\"op\": \"add\", \"path\": \"/alert_status\", \"value\": \"" + statuses[i % 3] + "\"}]}";
            t0 = System.nanoTime();
            post(http, base, auth, "PATCH", "/api/v1/update/patch", patch);
            patchNanos[client][i] = System.nanoTime() - t0;
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        } finally {
          done.countDown();
        }
      });
    }
    long start = System.nanoTime();
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    report("search", searchNanos);
    report("patch ", patchNanos);
    System.out.printf("%d clients x %d (search + patch) in %.1f s%n", clients, perClient, seconds);
  }

  static void report(String name, long[][] nanos) {
    long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("%s  n=%d  p50=%.1f ms  p99=%.1f ms  max=%.1f ms%n", name, all.length,
        all[all.length / 2] / 1e6, all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6,
        all[all.length - 1] / 1e6);
  }

  static String post(HttpClient http, String base, String auth, String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
