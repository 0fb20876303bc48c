package io.metron.pipeline.manage;

import io.metron.pipeline.enrich.EnrichmentLookup;
import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.pipeline.enrich.stellar.EnrichmentFunctions;
import io.metron.pipeline.enrich.stellar.ObjectFunctions;
import io.metron.pipeline.enrich.stellar.RestFunctions;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Every Stellar function {@code metron-pipeline} provides, replacing the built-in registry's
 * placeholders: the enrichment functions over the GeoIP database and the tables ({@code GEO_GET},
 * {@code ASN_GET}, {@code ENRICHMENT_GET/EXISTS}), {@code OBJECT_GET}, {@code
 * ENRICHMENT_OBJECT_GET}, {@code REST_GET/POST}, and the management functions of this package.
 */
public final class PipelineFunctions {
  private PipelineFunctions() {}

  /**
   * {@code base} with this module's functions added.
   *
   * @param base the registry to extend (the built-in one, or one another module extended)
   * @param geo the GeoIP lookup GEO_GET reads
   * @param tables the tables ENRICHMENT_GET and ENRICHMENT_EXISTS read
   * @param parserConfigs a sensor's parser config (JSON) from the config directory, for {@code
   *     PARSER_INIT(sensor)}; empty when there is none
   * @param later the registry that expressions built by PARSER_INIT and THREAT_TRIAGE_INIT compile
   *     against; when {@code null}, the returned registry itself
   */
  public static FunctionRegistry extend(
      FunctionRegistry base,
      GeoLookup geo,
      EnrichmentLookup tables,
      Function<String, Optional<String>> parserConfigs,
      AtomicReference<FunctionRegistry> later) {
    AtomicReference<FunctionRegistry> compileWith = later == null ? new AtomicReference<>() : later;
    List<StellarFunction> functions = new ArrayList<>();
    functions.addAll(EnrichmentFunctions.of(geo, tables));
    functions.addAll(ObjectFunctions.all());
    functions.addAll(RestFunctions.all());
    functions.addAll(ConfigEditFunctions.all());
    functions.addAll(TriageFunctions.all(compileWith::get));
    functions.addAll(ParserFunctions.all(compileWith::get, parserConfigs));
    functions.addAll(GrokFunctions.all());
    FunctionRegistry registry = base.withAll(functions);
    if (later == null) {
      compileWith.set(registry);
    }
    return registry;
  }

  /**
   * The built-in functions and this module's, with no GeoIP database, no tables and no config
   * directory: what a parser's transformations compile against when nothing else is wired.
   */
  public static FunctionRegistry standalone() {
    return STANDALONE;
  }

  private static final FunctionRegistry STANDALONE =
      extend(
          FunctionRegistry.builtin(),
          GeoLookup.none(),
          EnrichmentLookup.none(),
          sensor -> Optional.empty(),
          null);
}
