package io.metron.server;

import io.javalin.config.JavalinConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the one listener, from PEM files as certificate tools write them: a certificate chain
 * and an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE
 * KEY}) key. The files are read and checked before anything starts, so a bad file is one clear
 * error, not a failed start later.
 */
public final class Tls {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
  private static final char[] PASSWORD = "metron".toCharArray();

  private final KeyStore keyStore;

  private Tls(KeyStore keyStore) {
    this.keyStore = keyStore;
  }

  /** Reads the PEM files; fails naming the file and what is wrong with it. */
  public static Tls load(Path certFile, Path keyFile) throws IOException {
    List<Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks(certFile, "CERTIFICATE")) {
        chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(certFile + ": not a valid X.509 certificate: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException(certFile + ": no '-----BEGIN CERTIFICATE-----' block");
    }
    PrivateKey key = privateKey(keyFile);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("metron", key, PASSWORD, chain.toArray(new Certificate[0]));
      return new Tls(ks);
    } catch (GeneralSecurityException e) {
      throw new IOException(keyFile + " does not match " + certFile + ": " + e.getMessage(), e);
    }
  }

  /** Makes the HTTP server listen with TLS on {@code host:port} instead of plain HTTP. */
  public Consumer<JavalinConfig> connector(String host, int port) {
    return config ->
        config.jetty.addConnector(
            (server, httpConfig) -> {
              SslContextFactory.Server ssl = new SslContextFactory.Server();
              ssl.setKeyStore(keyStore);
              ssl.setKeyStorePassword(new String(PASSWORD));
              HttpConfiguration https = new HttpConfiguration(httpConfig);
              SecureRequestCustomizer customizer = new SecureRequestCustomizer();
              // The certificate may name the machine rather than the address clients dial.
              customizer.setSniHostCheck(false);
              https.addCustomizer(customizer);
              ServerConnector c =
                  new ServerConnector(
                      server,
                      new SslConnectionFactory(ssl, "http/1.1"),
                      new HttpConnectionFactory(https));
              c.setHost(host);
              c.setPort(port);
              return c;
            });
  }

  private static PrivateKey privateKey(Path keyFile) throws IOException {
    String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      String kind = m.group(1);
      byte[] pkcs8 =
          switch (kind) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> rsaToPkcs8(der);
            case "ENCRYPTED PRIVATE KEY" ->
                throw new IOException(
                    keyFile
                        + ": the key is encrypted; decrypt it (openssl pkcs8 -in KEY -out PLAIN)");
            default -> null;
          };
      if (pkcs8 == null) {
        continue;
      }
      for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw new IOException(keyFile + ": not an RSA, EC or Ed25519 private key");
    }
    throw new IOException(
        keyFile
            + ": no '-----BEGIN PRIVATE KEY-----' block (convert with: openssl pkcs8 -topk8"
            + " -nocrypt -in KEY -out KEY.pkcs8)");
  }

  private static List<byte[]> blocks(Path file, String kind) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    List<byte[]> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(kind)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }
}
