package io.metron.pipeline.profile;

import io.metron.core.config.ProfilerConfig;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One profile of {@code profiler.json} with every expression compiled. Immutable and thread-safe.
 *
 * @param name the profile's name
 * @param onlyif which messages the profile sees ({@code true} when absent)
 * @param foreach the entity of a message
 * @param init assignments run on a period's first message, in order
 * @param update assignments run on every message, in order
 * @param result the {@code result.profile} expression
 * @param triage the {@code result.triage} expressions by name
 * @param groupBy the {@code groupBy} expressions
 * @param expires days a measurement is kept ({@code null}: forever)
 */
public record CompiledProfile(
    String name,
    CompiledExpression onlyif,
    CompiledExpression foreach,
    Map<String, CompiledExpression> init,
    Map<String, CompiledExpression> update,
    CompiledExpression result,
    Map<String, CompiledExpression> triage,
    List<CompiledExpression> groupBy,
    Long expires) {

  /**
   * Compiles every expression of {@code profile}.
   *
   * @throws ProfileException naming the profile, the field and the compiler's reason
   */
  public static CompiledProfile compile(ProfilerConfig.Profile profile, StellarCompiler compiler) {
    String name = profile.profile();
    List<CompiledExpression> groups = new ArrayList<>();
    for (int i = 0; i < profile.groupBy().size(); i++) {
      groups.add(compile(compiler, name, "groupBy[" + i + "]", profile.groupBy().get(i)));
    }
    return new CompiledProfile(
        name,
        compile(compiler, name, "onlyif", profile.onlyif()),
        compile(compiler, name, "foreach", profile.foreach()),
        assignments(compiler, name, "init", profile.init()),
        assignments(compiler, name, "update", profile.update()),
        compile(compiler, name, "result.profile", profile.resultProfile()),
        assignments(compiler, name, "result.triage", profile.resultTriage()),
        List.copyOf(groups),
        profile.expires());
  }

  /** Compiles every profile of a config, in order. */
  public static List<CompiledProfile> compileAll(ProfilerConfig config, StellarCompiler compiler) {
    return config.profiles().stream().map(p -> compile(p, compiler)).toList();
  }

  private static Map<String, CompiledExpression> assignments(
      StellarCompiler compiler, String profile, String field, Map<String, Object> exprs) {
    Map<String, CompiledExpression> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : exprs.entrySet()) {
      String where = field + "." + e.getKey();
      if (!(e.getValue() instanceof String source)) {
        throw new ProfileException(
            profile,
            "profile '" + profile + "': " + where + " must be a Stellar expression (a string)",
            null);
      }
      out.put(e.getKey(), compile(compiler, profile, where, source));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static CompiledExpression compile(
      StellarCompiler compiler, String profile, String field, String source) {
    try {
      return compiler.compile(source == null ? "" : source);
    } catch (StellarException e) {
      throw new ProfileException(
          profile,
          "profile '" + profile + "': " + field + " does not compile: " + e.getMessage(),
          e);
    }
  }
}
