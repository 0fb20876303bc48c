package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import io.metron.core.config.SensorEnrichmentConfig;
import io.metron.pipeline.enrich.EnrichmentPhase.Kind;
import io.metron.pipeline.enrich.triage.ThreatTriage;
import io.metron.stellar.StellarCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One sensor's enrichment config, compiled: both phases and the triage rules. Immutable. */
record SensorPlan(
    SensorEnrichmentConfig config,
    EnrichmentPhase enrichment,
    EnrichmentPhase threatIntel,
    ThreatTriage triage) {

  /** The adapters each phase knows, as in Metron's shipped topology. */
  static final Set<String> ENRICHMENT_ADAPTERS =
      Set.of("geo", "host", "hbaseEnrichment", "stellar");

  static final Set<String> THREAT_INTEL_ADAPTERS = Set.of("hbaseThreatIntel", "stellar");

  /** A problem with the file-relative JSON path of the value at fault. */
  record Problem(String path, String message) {}

  /** The field adapters available to compiled plans. */
  record Adapters(
      FieldAdapter geo, FieldAdapter host, FieldAdapter table, FieldAdapter threatIntel) {

    /** The built-in adapters over {@code resources}, with known hosts from {@code global}. */
    static Adapters of(EnrichmentResources resources, Map<String, Object> global) {
      return new Adapters(
          new GeoAdapter(resources.geo()),
          new HostAdapter(EnrichmentResources.knownHosts(global)),
          TableAdapter.enrichment(resources.tables()),
          TableAdapter.threatIntel(resources.tables()));
    }
  }

  static SensorPlan compile(
      SensorEnrichmentConfig config,
      Map<String, Object> global,
      Adapters adapters,
      StellarCompiler compiler,
      List<Problem> problems) {
    EnrichmentPhase enrichment =
        phase(
            Kind.ENRICHMENT,
            "$.enrichment",
            config.enrichment(),
            global,
            adapters,
            compiler,
            problems);
    EnrichmentPhase threatIntel =
        phase(
            Kind.THREAT_INTEL,
            "$.threatIntel",
            config.threatIntel(),
            global,
            adapters,
            compiler,
            problems);
    ThreatTriage triage =
        ThreatTriage.compile(
            config.threatIntel().triageConfig(),
            compiler,
            (path, message) ->
                problems.add(new Problem("$.threatIntel.triageConfig." + path, message)));
    return new SensorPlan(config, enrichment, threatIntel, triage);
  }

  private static EnrichmentPhase phase(
      Kind kind,
      String path,
      EnrichmentConfig section,
      Map<String, Object> global,
      Adapters adapters,
      StellarCompiler compiler,
      List<Problem> problems) {
    Set<String> known = kind == Kind.ENRICHMENT ? ENRICHMENT_ADAPTERS : THREAT_INTEL_ADAPTERS;
    List<EnrichmentPhase.AdapterFields> fieldAdapters = new ArrayList<>();
    StellarEnrichment stellar = null;
    for (Map.Entry<String, Object> entry : section.fieldMap().entrySet()) {
      String name = entry.getKey();
      String at = path + ".fieldMap." + name;
      if (!known.contains(name)) {
        problems.add(
            new Problem(
                at,
                "unknown adapter '"
                    + name
                    + "' in "
                    + (kind == Kind.ENRICHMENT ? "enrichment" : "threatIntel")
                    + "; known: "
                    + String.join(", ", known.stream().sorted().toList())));
        continue;
      }
      if ("stellar".equals(name)) {
        List<StellarEnrichment.Problem> found = new ArrayList<>();
        stellar = StellarEnrichment.compile(entry.getValue(), at, compiler, found);
        found.forEach(p -> problems.add(new Problem(p.path(), p.message())));
        continue;
      }
      FieldAdapter adapter =
          switch (name) {
            case "geo" -> adapters.geo();
            case "host" -> adapters.host();
            case "hbaseEnrichment" -> adapters.table();
            default -> adapters.threatIntel();
          };
      List<String> fields = new ArrayList<>();
      if (entry.getValue() instanceof List<?> list) {
        for (Object field : list) {
          fields.add(String.valueOf(field));
        }
      }
      fieldAdapters.add(EnrichmentPhase.adapterFields(kind, name, adapter, fields));
    }
    return new EnrichmentPhase(kind, section, fieldAdapters, stellar, global);
  }
}
