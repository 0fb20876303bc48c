package io.metron.streams.ingest.http;

import java.util.List;

/**
 * How the HTTP edge listens.
 *
 * @param host the address to bind; {@value #DEFAULT_HOST} unless configured, so nothing is exposed
 *     beyond this machine until asked for
 * @param port the port ({@value #DEFAULT_PORT} by default; 0 picks a free one)
 * @param maxBodyBytes the largest request body, after gzip decoding; larger requests get 413
 * @param hecTokens the tokens the HEC endpoints accept; none means HEC refuses every request
 */
public record HttpSettings(String host, int port, long maxBodyBytes, List<HecToken> hecTokens) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("HTTP port " + port + " is not between 0 and 65535");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("HTTP body limit must be positive, got " + maxBodyBytes);
    }
    hecTokens = List.copyOf(hecTokens);
  }

  /** The defaults: {@value #DEFAULT_HOST}, {@value #DEFAULT_PORT}, 16 MiB, no HEC tokens. */
  public static HttpSettings defaults() {
    return new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, List.of());
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, maxBodyBytes, hecTokens);
  }

  public HttpSettings withHecTokens(List<HecToken> tokens) {
    return new HttpSettings(host, port, maxBodyBytes, tokens);
  }

  public HttpSettings withMaxBodyBytes(long limit) {
    return new HttpSettings(host, port, limit, hecTokens);
  }
}
