package io.metron.streams.demo;

import io.metron.core.message.MessageCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates Bro/Zeek log records in the shape the bro-kafka plugin writes ({@code {"conn":
 * {...}}}): connections, DNS lookups, HTTP requests, TLS sessions, file transfers and notices,
 * between internal hosts ({@code 10.0.0.0/24}, {@code 192.168.1.0/24}) and well-known external
 * services. Deterministic for a given seed. Not thread-safe.
 */
public final class BroDemoEvents {
  private static final List<String> INTERNAL =
      List.of(
          "10.0.0.1",
          "10.0.0.2",
          "10.0.0.5",
          "10.0.0.17",
          "10.0.0.42",
          "192.168.1.10",
          "192.168.1.23");
  private static final List<String> EXTERNAL =
      List.of(
          "8.8.8.8",
          "1.1.1.1",
          "9.9.9.9",
          "93.184.216.34",
          "151.101.1.69",
          "140.82.112.3",
          "185.199.108.153",
          "104.16.132.229",
          "203.0.113.66",
          "198.51.100.23");
  private static final List<String> DOMAINS =
      List.of(
          "example.com",
          "www.wikipedia.org",
          "github.com",
          "updates.vendor.example",
          "cdn.jsdelivr.net",
          "login.microsoftonline.com",
          "api.weather.example",
          "mail.google.com",
          "suspicious-domain.example");
  private static final List<String> LOG_TYPES =
      List.of("conn", "conn", "conn", "dns", "dns", "http", "ssl", "files", "notice");
  private static final List<String> URIS =
      List.of(
          "/",
          "/index.html",
          "/api/v1/status",
          "/login",
          "/images/logo.png",
          "/wp-admin/setup.php",
          "/download/update.bin");
  private static final List<String> AGENTS =
      List.of(
          "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
          "curl/8.5.0",
          "Wget/1.21.3",
          "python-requests/2.31.0");

  /**
   * The hosts the demo's watch list names (metron-cli's {@code demo/threat-intel.csv}): flows to
   * them become alerts, and the demo's packet capture keeps theirs ({@link Flow#watched()}).
   */
  public static final List<String> WATCHED = List.of("203.0.113.66", "198.51.100.23");

  /**
   * The connection behind the last record: its 5-tuple and what the packets would carry.
   *
   * @param name the DNS query or the HTTP host, else null
   * @param path the HTTP request URI, else null
   */
  public record Flow(
      String type,
      String uid,
      long epochMillis,
      String src,
      int srcPort,
      String dst,
      int dstPort,
      boolean udp,
      String name,
      String path) {

    /** Whether the flow involves a watch-listed host. */
    public boolean watched() {
      return WATCHED.contains(src) || WATCHED.contains(dst);
    }
  }

  private final Random random;
  private long uidCounter;
  private Flow last;

  public BroDemoEvents(long seed) {
    this.random = new Random(seed);
  }

  /** The next record, stamped with {@code epochMillis}, as JSON bytes. */
  public byte[] next(long epochMillis) {
    String type = pick(LOG_TYPES);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ts", epochMillis / 1000.0);
    String uid = String.format("C%016x", random.nextLong() ^ ++uidCounter);
    fields.put("uid", uid);
    boolean outbound = random.nextInt(5) > 0;
    String src = pick(INTERNAL);
    String dst = outbound ? pick(EXTERNAL) : pick(INTERNAL);
    int dstPort =
        switch (type) {
          case "dns" -> 53;
          case "http", "files" -> 80;
          case "ssl" -> 443;
          default -> pick(List.of(22, 53, 80, 443, 445, 3389, 8080));
        };
    int srcPort = 1024 + random.nextInt(64000);
    fields.put("id.orig_h", src);
    fields.put("id.orig_p", srcPort);
    fields.put("id.resp_h", dst);
    fields.put("id.resp_p", dstPort);
    switch (type) {
      case "conn" -> {
        fields.put("proto", dstPort == 53 ? "udp" : "tcp");
        fields.put(
            "service",
            dstPort == 443 ? "ssl" : dstPort == 80 ? "http" : dstPort == 22 ? "ssh" : "-");
        fields.put("duration", Math.round(random.nextDouble() * 120_000) / 1000.0);
        fields.put("orig_bytes", random.nextInt(50_000));
        fields.put("resp_bytes", random.nextInt(2_000_000));
        fields.put("conn_state", pick(List.of("SF", "SF", "S0", "REJ", "RSTO")));
        fields.put("missed_bytes", 0);
        fields.put("history", pick(List.of("ShADadFf", "S", "ShADdaFf", "ShR")));
        fields.put("orig_pkts", 1 + random.nextInt(200));
        fields.put("resp_pkts", random.nextInt(400));
      }
      case "dns" -> {
        fields.put("proto", "udp");
        fields.put("trans_id", random.nextInt(65536));
        String query = pick(DOMAINS);
        fields.put("query", query);
        fields.put("qclass", 1);
        fields.put("qclass_name", "C_INTERNET");
        fields.put("qtype", 1);
        fields.put("qtype_name", "A");
        fields.put("rcode", 0);
        fields.put("rcode_name", "NOERROR");
        fields.put("AA", false);
        fields.put("TC", false);
        fields.put("RD", true);
        fields.put("RA", true);
        fields.put("answers", List.of(pick(EXTERNAL)));
        fields.put("TTLs", List.of(60.0 + random.nextInt(3600)));
      }
      case "http" -> {
        fields.put("trans_depth", 1);
        fields.put("method", pick(List.of("GET", "GET", "GET", "POST")));
        fields.put("host", pick(DOMAINS));
        fields.put("uri", pick(URIS));
        fields.put("user_agent", pick(AGENTS));
        fields.put("request_body_len", random.nextInt(2000));
        fields.put("response_body_len", random.nextInt(200_000));
        int status = pick(List.of(200, 200, 200, 301, 404, 500));
        fields.put("status_code", status);
        fields.put(
            "status_msg",
            status == 200
                ? "OK"
                : status == 301
                    ? "Moved Permanently"
                    : status == 404 ? "Not Found" : "Internal Server Error");
      }
      case "ssl" -> {
        fields.put("version", pick(List.of("TLSv12", "TLSv13")));
        fields.put(
            "cipher",
            pick(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")));
        fields.put("server_name", pick(DOMAINS));
        fields.put("resumed", random.nextBoolean());
        fields.put("established", true);
      }
      case "files" -> {
        fields.put("fuid", String.format("F%016x", random.nextLong()));
        fields.put("tx_hosts", List.of(dst));
        fields.put("rx_hosts", List.of(src));
        fields.put("source", "HTTP");
        fields.put(
            "mime_type",
            pick(List.of("text/html", "image/png", "application/x-dosexec", "application/pdf")));
        fields.put("seen_bytes", random.nextInt(1_000_000));
        fields.put("md5", String.format("%032x", new java.math.BigInteger(128, random)));
      }
      case "notice" -> {
        fields.put(
            "note",
            pick(
                List.of(
                    "Scan::Port_Scan",
                    "SSL::Invalid_Server_Cert",
                    "HTTP::SQL_Injection_Attacker")));
        fields.put("msg", "demo notice from " + src);
        fields.put("src", src);
        fields.put("dst", dst);
        fields.put("actions", List.of("Notice::ACTION_LOG"));
      }
      default -> throw new IllegalStateException(type);
    }
    last =
        new Flow(
            type,
            uid,
            epochMillis,
            src,
            srcPort,
            dst,
            dstPort,
            dstPort == 53,
            (String) fields.getOrDefault("query", fields.get("host")),
            (String) fields.get("uri"));
    return MessageCodec.JSON
        .valueToTree(Map.of(type, fields))
        .toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The connection behind the record {@link #next} returned last, or null before the first. */
  public Flow lastFlow() {
    return last;
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
