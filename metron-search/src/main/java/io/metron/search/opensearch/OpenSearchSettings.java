package io.metron.search.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to reach an OpenSearch cluster: its nodes, the user to sign in as, and whom to trust for TLS.
 *
 * @param urls one or more nodes, {@code http://host:9200} or {@code https://host:9200}; requests
 *     are spread over them and a failed node is retried on another
 * @param username the user for HTTP basic authentication, or null for none
 * @param password that user's password, or null
 * @param caCertificate a PEM file of the certificate authorities to trust for {@code https}, or
 *     null for the JDK's default trust store
 * @param insecure trust any certificate and any host name (for a test cluster with a self-signed
 *     certificate; never for production)
 * @param replicas replicas of each index the template creates (0 on one node; 1 or more on a
 *     cluster so an index survives the loss of a node)
 */
public record OpenSearchSettings(
    List<URI> urls,
    String username,
    String password,
    Path caCertificate,
    boolean insecure,
    int replicas) {

  public OpenSearchSettings {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("OpenSearch needs at least one URL");
    }
    urls = List.copyOf(urls);
    String scheme = null;
    for (URI url : urls) {
      String s = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException(
            "OpenSearch URL '" + url + "' is not http://HOST[:PORT] or https://HOST[:PORT]");
      }
      if (scheme != null && !scheme.equals(s)) {
        throw new IllegalArgumentException(
            "OpenSearch URLs mix http and https: " + urls + "; use one scheme for every node");
      }
      scheme = s;
    }
    if (username == null && password != null) {
      throw new IllegalArgumentException("an OpenSearch password was given without a username");
    }
    if (replicas < 0) {
      throw new IllegalArgumentException("OpenSearch replicas must be 0 or more, not " + replicas);
    }
  }

  /** One node without authentication, plain HTTP trust defaults and no replicas. */
  public static OpenSearchSettings of(URI url) {
    return new OpenSearchSettings(List.of(url), null, null, null, false, 0);
  }

  /**
   * Parses {@code spec}: one URL or several separated by commas ({@code
   * https://os1:9200,https://os2:9200}). A URL without a port gets 9200.
   */
  public static List<URI> parseUrls(String spec) {
    List<URI> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI url;
      try {
        url = URI.create(trimmed.contains("://") ? trimmed : "http://" + trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("OpenSearch URL '" + trimmed + "' is not a URL");
      }
      out.add(url);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("OpenSearch URL '" + spec + "' names no node");
    }
    return out;
  }

  /** Whether the nodes are reached over TLS. */
  public boolean tls() {
    return urls.getFirst().getScheme().equalsIgnoreCase("https");
  }

  /** The nodes, for messages (never the password). */
  public String describe() {
    return String.join(",", urls.stream().map(URI::toString).toList());
  }
}
