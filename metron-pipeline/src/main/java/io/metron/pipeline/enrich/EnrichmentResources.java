package io.metron.pipeline.enrich;

import io.metron.pipeline.enrich.geo.GeoLookup;
import io.metron.pipeline.enrich.stellar.EnrichmentFunctions;
import io.metron.pipeline.manage.PipelineFunctions;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.client.ProfileFunctions;
import io.metron.stellar.FunctionRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What the enrichment stage reads besides the message: the GeoIP database, the enrichment tables
 * and the Stellar functions. The same resources back the {@code geo}, {@code hbaseEnrichment} and
 * {@code hbaseThreatIntel} adapters and the {@code GEO_GET}, {@code ENRICHMENT_GET} and {@code
 * ENRICHMENT_EXISTS} functions, so an adapter and a rule never disagree.
 *
 * @param geo the GeoIP lookup ({@link GeoLookup#none()} without a database)
 * @param tables the enrichment and threat-intel tables ({@link EnrichmentLookup#none()} without)
 * @param functions the Stellar functions before the enrichment ones are added
 * @param hostname written into error messages
 */
public record EnrichmentResources(
    GeoLookup geo, EnrichmentLookup tables, FunctionRegistry functions, String hostname) {

  /** Resources with the pipeline's functions and PROFILE_GET over no measurements. */
  public static EnrichmentResources of(GeoLookup geo, EnrichmentLookup tables, String hostname) {
    return of(geo, tables, ProfileStore.none(), hostname);
  }

  /** Resources with the pipeline's functions and PROFILE_GET over {@code profiles}. */
  public static EnrichmentResources of(
      GeoLookup geo, EnrichmentLookup tables, ProfileStore profiles, String hostname) {
    return new EnrichmentResources(
        geo,
        tables,
        ProfileFunctions.register(PipelineFunctions.standalone(), profiles, Clock.systemUTC()),
        hostname);
  }

  /** Resources with nothing to look up: no GeoIP database, empty tables. */
  public static EnrichmentResources none() {
    return of(GeoLookup.none(), EnrichmentLookup.none(), "localhost");
  }

  /**
   * {@link #functions} with GEO_GET, ENRICHMENT_GET and ENRICHMENT_EXISTS bound to these stores.
   */
  public FunctionRegistry registry() {
    return functions.withAll(EnrichmentFunctions.of(geo, tables));
  }

  /** Metron's known hosts list: the global config key {@code enrichment.host.known_hosts}. */
  public static final String KNOWN_HOSTS_KEY = "enrichment.host.known_hosts";

  static List<?> knownHosts(Map<String, Object> global) {
    Object value = global.get(KNOWN_HOSTS_KEY);
    return value instanceof List<?> list ? list : List.of();
  }
}
