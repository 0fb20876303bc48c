package io.metron.cli;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.ConfigLoader;
import io.metron.pipeline.parse.ParserConfigCheck;
import io.metron.streams.PipelineStages;
import io.metron.streams.Stages;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

/** The choices every command shares: which checks validate configs, which stages run. */
final class Composition {
  private Composition() {}

  static List<ConfigCheck> configChecks() {
    return List.of(new ParserConfigCheck());
  }

  static ConfigLoader configLoader() {
    return new ConfigLoader(configChecks());
  }

  /** The stage logic the platform runs. */
  static Stages stages(Clock clock) {
    return PipelineStages.parsingOnly(clock);
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
