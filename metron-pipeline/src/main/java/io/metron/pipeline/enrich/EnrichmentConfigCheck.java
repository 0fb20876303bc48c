package io.metron.pipeline.enrich;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.Configs;
import io.metron.core.config.Problems;
import io.metron.core.config.SensorEnrichmentConfig;
import io.metron.stellar.StellarCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks every sensor's enrichment config as the stage would build it: each Stellar enrichment,
 * triage {@code rule}, {@code score} and {@code reason} compiles against the full function registry
 * (GEO_GET and ENRICHMENT_* included), and every adapter name is one the phase knows. Each problem
 * names {@code enrichments/<sensor>.json} and the JSON path of the value, e.g. {@code
 * $.threatIntel.triageConfig.riskLevelRules[1].score}. Never throws.
 */
public final class EnrichmentConfigCheck implements ConfigCheck {
  private final boolean refuseLintFindings;

  /** The check as the stage loads configs: Metron's lazy function resolution. */
  public EnrichmentConfigCheck() {
    this(false);
  }

  private EnrichmentConfigCheck(boolean refuseLintFindings) {
    this.refuseLintFindings = refuseLintFindings;
  }

  /**
   * The check refusing also unknown functions and wrong argument counts, for {@link
   * ConfigCheck#withWarningsFrom}.
   */
  public static EnrichmentConfigCheck refusingLintFindings() {
    return new EnrichmentConfigCheck(true);
  }

  @Override
  public void check(Configs configs, Problems problems) {
    EnrichmentResources resources = EnrichmentResources.none();
    StellarCompiler lenient = new StellarCompiler(resources.registry());
    StellarCompiler compiler = refuseLintFindings ? lenient.refusingLintFindings() : lenient;
    Map<String, Object> global = configs.global().values();
    SensorPlan.Adapters adapters = SensorPlan.Adapters.of(resources, global);
    for (Map.Entry<String, SensorEnrichmentConfig> e : configs.enrichments().entrySet()) {
      List<SensorPlan.Problem> found = new ArrayList<>();
      SensorPlan.compile(e.getValue(), global, adapters, compiler, found);
      String file = "enrichments/" + e.getKey() + ".json";
      found.forEach(p -> problems.add(file, p.path(), p.message()));
    }
  }
}
