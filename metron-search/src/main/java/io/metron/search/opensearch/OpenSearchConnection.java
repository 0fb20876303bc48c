package io.metron.search.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/** Builds the HTTP transport for {@link OpenSearchSettings}: nodes, basic auth and TLS trust. */
final class OpenSearchConnection {
  private OpenSearchConnection() {}

  static OpenSearchTransport transport(OpenSearchSettings settings) throws IOException {
    HttpHost[] hosts = new HttpHost[settings.urls().size()];
    for (int i = 0; i < hosts.length; i++) {
      URI url = settings.urls().get(i);
      hosts[i] =
          new HttpHost(url.getScheme(), url.getHost(), url.getPort() < 0 ? 9200 : url.getPort());
    }
    ApacheHttpClient5TransportBuilder builder =
        ApacheHttpClient5TransportBuilder.builder(hosts).setMapper(new JacksonJsonpMapper());
    if (settings.username() != null) {
      // Sent with every request rather than after a challenge: one round trip, and it works
      // with proxies that answer 401 without a WWW-Authenticate header.
      String pair =
          settings.username() + ":" + (settings.password() == null ? "" : settings.password());
      builder.setDefaultHeaders(
          new Header[] {
            new BasicHeader(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
          });
    }
    if (settings.tls()) {
      ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create().setSslContext(ssl(settings));
      if (settings.insecure()) {
        tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
      }
      TlsStrategy strategy = tls.buildAsync();
      builder.setHttpClientConfigCallback(
          client ->
              client.setConnectionManager(
                  PoolingAsyncClientConnectionManagerBuilder.create()
                      .setTlsStrategy(strategy)
                      .setMaxConnPerRoute(
                          ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_PER_ROUTE)
                      .setMaxConnTotal(ApacheHttpClient5TransportBuilder.DEFAULT_MAX_CONN_TOTAL)
                      .build()));
    }
    return builder.build();
  }

  /** The TLS context: the given CA file, every certificate when insecure, or the JDK's store. */
  private static SSLContext ssl(OpenSearchSettings settings) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (settings.insecure()) {
        context.init(null, new TrustManager[] {new TrustAll()}, null);
      } else if (settings.caCertificate() != null) {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(settings.caCertificate())) {
          for (Certificate cert :
              CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            trusted.setCertificateEntry("ca-" + n++, cert);
          }
        }
        if (n == 0) {
          throw new IOException(
              settings.caCertificate() + ": holds no PEM certificate to trust for OpenSearch");
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        context.init(null, tmf.getTrustManagers(), null);
      } else {
        context.init(null, null, null);
      }
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          (settings.caCertificate() == null ? "" : settings.caCertificate() + ": ")
              + "cannot set up TLS for OpenSearch: "
              + e.getMessage(),
          e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(
          settings.caCertificate() + ": no such file (the OpenSearch CA certificate)", e);
    }
  }

  /** The answer a failure carries when the node did answer (with an error status), or null. */
  static ResponseException answer(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ResponseException r) {
        return r;
      }
    }
    return null;
  }

  /** The innermost message of a failure, which names the real problem (refused, unknown host). */
  static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    if (cause instanceof javax.net.ssl.SSLHandshakeException
        || kind.contains("CertPath")
        || kind.contains("Certificate")) {
      return "the server's certificate is not trusted ("
          + message
          + "); give the CA with opensearch.tls.ca or, for a test cluster only,"
          + " opensearch.tls.insecure";
    }
    if (cause instanceof java.net.UnknownHostException) {
      return "unknown host " + message;
    }
    return message == null ? kind : message;
  }

  /** Trusts every certificate: only for {@link OpenSearchSettings#insecure()}. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
