package io.metron.cli;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.ConfigLoader;
import io.metron.pipeline.enrich.EnrichmentConfigCheck;
import io.metron.pipeline.parse.ParserConfigCheck;
import io.metron.pipeline.profile.ProfilerConfigCheck;
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
    // Each check as the pipeline runs it (Metron's lazy Stellar resolution), with the Stellar
    // lint's
    // findings (unknown functions, wrong argument counts) reported beside as warnings.
    return List.of(
        ConfigCheck.withWarningsFrom(
            new ParserConfigCheck(), ParserConfigCheck.refusingLintFindings()),
        ConfigCheck.withWarningsFrom(
            new EnrichmentConfigCheck(), EnrichmentConfigCheck.refusingLintFindings()),
        ConfigCheck.withWarningsFrom(
            new ProfilerConfigCheck(), ProfilerConfigCheck.refusingLintFindings()));
  }

  static ConfigLoader configLoader() {
    return new ConfigLoader(configChecks());
  }

  /** The stage logic the platform runs: parsing, then enrichment over {@code runtime}. */
  static Stages stages(Clock clock, EnrichmentRuntime runtime) {
    return PipelineStages.enrichment(clock, runtime.resources());
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
