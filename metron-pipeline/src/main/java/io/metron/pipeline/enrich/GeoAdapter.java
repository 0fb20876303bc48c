package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import io.metron.pipeline.enrich.geo.GeoLookup;
import java.util.Collections;
import java.util.Map;

/** The {@code geo} adapter: Metron's GeoLite2 City fields for an IPv4 address. */
final class GeoAdapter implements FieldAdapter {
  private final GeoLookup geo;

  GeoAdapter(GeoLookup geo) {
    this.geo = geo;
  }

  @Override
  public String timingName() {
    return "geoadapter";
  }

  @Override
  public Map<String, Object> enrich(String field, Object value, EnrichmentConfig section) {
    Map<String, String> result = geo.city(value.toString());
    return result == null ? Map.of() : Collections.unmodifiableMap(result);
  }
}
