package io.metron.pipeline.profile;

import io.metron.core.config.ConfigCheck;
import io.metron.core.config.Configs;
import io.metron.core.config.Problems;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.stellar.StellarCompiler;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks {@code profiler.json} as the profiler would build it: every expression of every profile
 * compiles against the full function registry, profile names are unique, and the {@code profiler.*}
 * timing settings of the global config are valid. Never throws.
 */
public final class ProfilerConfigCheck implements ConfigCheck {
  private final boolean refuseLintFindings;

  /** The check as the profiler loads configs: Metron's lazy function resolution. */
  public ProfilerConfigCheck() {
    this(false);
  }

  private ProfilerConfigCheck(boolean refuseLintFindings) {
    this.refuseLintFindings = refuseLintFindings;
  }

  /**
   * The check refusing also unknown functions and wrong argument counts, for {@link
   * ConfigCheck#withWarningsFrom}.
   */
  public static ProfilerConfigCheck refusingLintFindings() {
    return new ProfilerConfigCheck(true);
  }

  @Override
  public void check(Configs configs, Problems problems) {
    StellarCompiler lenient = new StellarCompiler(EnrichmentResources.none().registry());
    StellarCompiler compiler = refuseLintFindings ? lenient.refusingLintFindings() : lenient;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < configs.profiler().profiles().size(); i++) {
      var profile = configs.profiler().profiles().get(i);
      String path = "$.profiles[" + i + "]";
      if (!names.add(profile.profile())) {
        problems.add(
            "profiler.json", path + ".profile", "duplicate profile name " + profile.profile());
      }
      try {
        CompiledProfile.compile(profile, compiler);
      } catch (ProfileException e) {
        problems.add("profiler.json", path, e.getMessage());
      }
    }
    try {
      ProfilerSettings.from(configs.global().values());
    } catch (IllegalArgumentException e) {
      problems.add("global.json", "$", e.getMessage());
    }
  }
}
