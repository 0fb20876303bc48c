package io.metron.cli;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.SensorParserConfig;
import io.metron.streams.parse.JsonSensorParser;
import io.metron.streams.parse.SensorParser;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

/** The choices every command shares: which checks validate configs, which parser runs a sensor. */
final class Composition {
  private Composition() {}

  static List<ConfigCheck> configChecks() {
    return List.of();
  }

  static ConfigLoader configLoader() {
    return new ConfigLoader(configChecks());
  }

  static SensorParser parser(SensorParserConfig config, Clock clock) {
    return new JsonSensorParser(config.sensor(), clock, hostname());
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
