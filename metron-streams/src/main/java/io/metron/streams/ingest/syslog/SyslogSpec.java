package io.metron.streams.ingest.syslog;

import io.metron.streams.ingest.SensorName;
import java.util.Locale;

/**
 * Where a syslog edge listens and which sensor topic it feeds, from a spec string: {@code
 * udp:PORT:SENSOR}, {@code tcp:PORT:SENSOR}, or with a bind address {@code udp:HOST:PORT:SENSOR}
 * ({@code udp:[::1]:PORT:SENSOR} for IPv6). Without a host the edge binds {@value #DEFAULT_HOST},
 * so nothing is exposed beyond this machine until asked for.
 *
 * @param transport UDP or TCP
 * @param host the address to bind
 * @param port the port; 0 picks a free one
 * @param sensor the sensor topic
 */
public record SyslogSpec(Transport transport, String host, int port, String sensor) {
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The message size limit edges use unless configured otherwise: 64 KiB. */
  public static final int DEFAULT_MAX_MESSAGE = 64 * 1024;

  /** How messages arrive. */
  public enum Transport {
    UDP,
    TCP
  }

  public SyslogSpec {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("syslog port " + port + " is not between 0 and 65535");
    }
    SensorName.check(sensor, "syslog spec");
  }

  /**
   * Parses a spec string.
   *
   * @throws IllegalArgumentException saying what is wrong and showing the expected form
   */
  public static SyslogSpec parse(String spec) {
    String usage =
        "syslog spec '"
            + spec
            + "': expected udp:PORT:SENSOR or tcp:PORT:SENSOR (or udp:HOST:PORT:SENSOR)";
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("syslog spec is empty: expected udp:PORT:SENSOR");
    }
    int first = spec.indexOf(':');
    int last = spec.lastIndexOf(':');
    if (first < 0 || first == last) {
      throw new IllegalArgumentException(usage);
    }
    Transport transport =
        switch (spec.substring(0, first).toLowerCase(Locale.ROOT)) {
          case "udp" -> Transport.UDP;
          case "tcp" -> Transport.TCP;
          default ->
              throw new IllegalArgumentException(
                  usage + "; '" + spec.substring(0, first) + "' is neither udp nor tcp");
        };
    String sensor = spec.substring(last + 1);
    String middle = spec.substring(first + 1, last);
    String host = DEFAULT_HOST;
    String portText = middle;
    int hostEnd = middle.lastIndexOf(':');
    if (hostEnd >= 0) {
      host = middle.substring(0, hostEnd);
      portText = middle.substring(hostEnd + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException(usage + "; the host is empty");
      }
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(usage + "; port '" + portText + "' is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(usage + "; port " + port + " is not between 0 and 65535");
    }
    if (!SensorName.isLegal(sensor)) {
      throw new IllegalArgumentException(
          usage
              + "; sensor '"
              + sensor
              + "' is not a legal topic name (letters, digits, '.', '_' and '-')");
    }
    return new SyslogSpec(transport, host, port, sensor);
  }

  @Override
  public String toString() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return transport.name().toLowerCase(Locale.ROOT) + ":" + h + ":" + port + ":" + sensor;
  }
}
