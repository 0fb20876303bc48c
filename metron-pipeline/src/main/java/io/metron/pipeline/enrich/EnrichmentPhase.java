package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.stellar.StellarContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section of a sensor's enrichment config ({@code enrichment} or {@code threatIntel}),
 * compiled: which adapter runs on which fields, and the Stellar groups. Does per message what
 * Metron's {@code ParallelEnricher} did:
 *
 * <ol>
 *   <li>records {@code parallelenricher.splitter.begin.ts}, {@code .splitter.end.ts} and {@code
 *       .enrich.begin.ts};
 *   <li>runs every adapter against the message as it entered the phase (so the adapters of one
 *       phase never see each other's output), recording {@code adapter.<name>.begin.ts} and {@code
 *       .end.ts}; a field the message lacks is skipped;
 *   <li>adds the results, {@code <prefix>.<adapter>.<field>.<key>} for field adapters and
 *       unprefixed for Stellar, then, if any adapter ran, drops every field whose value is null or
 *       an empty string, as Metron's join did;
 *   <li>records {@code parallelenricher.enrich.end.ts}.
 * </ol>
 *
 * An adapter that fails adds nothing and yields one error message ({@code enrichments_error} or
 * {@code threatintel_error}) naming the adapter and the field. Timing values are epoch milliseconds
 * as strings, as Metron wrote them. Immutable and thread-safe.
 */
final class EnrichmentPhase {

  /** The two phases; each prefixes its field adapters' output differently. */
  enum Kind {
    ENRICHMENT("enrichments", ErrorType.ENRICHMENT_ERROR),
    THREAT_INTEL("threatintels", ErrorType.THREAT_INTEL_ERROR);

    final String prefix;
    final ErrorType errorType;

    Kind(String prefix, ErrorType errorType) {
      this.prefix = prefix;
      this.errorType = errorType;
    }
  }

  /** An adapter and the fields it runs on, with their output prefixes computed once. */
  record AdapterFields(
      String name, FieldAdapter adapter, List<String> fields, List<String> prefixes) {}

  private static final String SPLITTER_BEGIN = "parallelenricher.splitter.begin.ts";
  private static final String SPLITTER_END = "parallelenricher.splitter.end.ts";
  private static final String ENRICH_BEGIN = "parallelenricher.enrich.begin.ts";
  private static final String ENRICH_END = "parallelenricher.enrich.end.ts";
  private static final String STELLAR_BEGIN = "adapter.stellaradapter.begin.ts";
  private static final String STELLAR_END = "adapter.stellaradapter.end.ts";

  private final Kind kind;
  private final EnrichmentConfig section;
  private final List<AdapterFields> adapters;
  private final StellarEnrichment stellar;
  private final Map<String, Object> global;

  EnrichmentPhase(
      Kind kind,
      EnrichmentConfig section,
      List<AdapterFields> adapters,
      StellarEnrichment stellar,
      Map<String, Object> global) {
    this.kind = kind;
    this.section = section;
    this.adapters = List.copyOf(adapters);
    this.stellar = stellar;
    this.global = global;
  }

  static AdapterFields adapterFields(
      Kind kind, String name, FieldAdapter adapter, List<String> fields) {
    List<String> prefixes = new ArrayList<>(fields.size());
    for (String field : fields) {
      prefixes.add(kind.prefix + "." + name + "." + field + ".");
    }
    return new AdapterFields(name, adapter, List.copyOf(fields), List.copyOf(prefixes));
  }

  /** Runs the phase on {@code message} in place; errors are added to {@code errors}. */
  void apply(
      Message message, long now, StellarContext context, String hostname, List<Message> errors) {
    Map<String, Object> fields = message.fields();
    String ts = Long.toString(now);
    fields.put(SPLITTER_BEGIN, ts);
    fields.put(SPLITTER_END, ts);
    fields.put(ENRICH_BEGIN, ts);
    boolean ran = false;
    Map<String, Object> results = null;
    for (AdapterFields entry : adapters) {
      String timing = "adapter." + entry.adapter().timingName();
      fields.put(timing + ".begin.ts", ts);
      List<String> names = entry.fields();
      for (int i = 0; i < names.size(); i++) {
        String field = names.get(i);
        Object value = fields.get(field);
        if (value != null) {
          ran = true;
          try {
            Map<String, Object> found = entry.adapter().enrich(field, value, section);
            if (!found.isEmpty()) {
              if (results == null) {
                results = new LinkedHashMap<>();
              }
              String prefix = entry.prefixes().get(i);
              for (Map.Entry<String, Object> e : found.entrySet()) {
                results.put(prefix + e.getKey(), e.getValue());
              }
            }
          } catch (RuntimeException e) {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put(
                entry.prefixes().get(i).substring(0, entry.prefixes().get(i).length() - 1), value);
            raw.put(MessageFields.SOURCE_TYPE, message.sourceType());
            errors.add(error(message, entry.name(), field, e, Message.of(raw), now, hostname));
          }
        }
        fields.put(timing + ".end.ts", ts);
      }
    }
    if (stellar != null) {
      fields.put(STELLAR_BEGIN, ts);
      for (StellarEnrichment.Group group : stellar.groups()) {
        ran = true;
        try {
          Map<String, Object> found =
              StellarEnrichment.run(group, fields, section.config(), global, context);
          if (!found.isEmpty()) {
            if (results == null) {
              results = new LinkedHashMap<>();
            }
            results.putAll(found);
          }
        } catch (RuntimeException e) {
          Map<String, Object> raw = new LinkedHashMap<>();
          raw.put(group.name(), new LinkedHashMap<>(fields));
          raw.put(MessageFields.SOURCE_TYPE, message.sourceType());
          errors.add(error(message, "stellar", group.name(), e, Message.of(raw), now, hostname));
        }
        fields.put(STELLAR_END, ts);
      }
    }
    if (ran) {
      if (results != null) {
        fields.putAll(results);
      }
      Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator();
      while (it.hasNext()) {
        Object value = it.next().getValue();
        if (value == null || (value instanceof String s && s.isEmpty())) {
          it.remove();
        }
      }
    }
    fields.put(ENRICH_END, ts);
  }

  private Message error(
      Message message,
      String adapter,
      String field,
      RuntimeException cause,
      Message raw,
      long now,
      String hostname) {
    String guid = message.guid();
    String origin = guid == null ? null : guid + "/" + kind.prefix + "/" + adapter + "/" + field;
    return ErrorMessage.of(kind.errorType)
        .sensor(message.sourceType())
        .message(kind + " error with " + adapter + " failed: " + cause.getMessage())
        .cause(cause)
        .raw(raw)
        .guid(Guids.derived(origin, 0))
        .toMessage(now, hostname);
  }
}
