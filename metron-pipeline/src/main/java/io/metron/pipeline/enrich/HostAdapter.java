package io.metron.pipeline.enrich;

import io.metron.core.config.EnrichmentConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code host} adapter: facts about known hosts from the global config key {@code
 * enrichment.host.known_hosts}, a list of objects with an {@code ip} and any other keys (Metron's
 * examples use {@code local}, {@code type}, {@code asset_value}). A known address gets {@code
 * known_info.<key>} for each other key.
 */
final class HostAdapter implements FieldAdapter {
  private final Map<String, Map<String, Object>> hosts;

  HostAdapter(List<?> knownHosts) {
    Map<String, Map<String, Object>> byIp = new HashMap<>();
    for (Object entry : knownHosts) {
      if (entry instanceof Map<?, ?> host && host.get("ip") != null) {
        Map<String, Object> info = new LinkedHashMap<>();
        host.forEach(
            (k, v) -> {
              if (!"ip".equals(k) && v != null) {
                info.put("known_info." + k, v);
              }
            });
        byIp.put(host.get("ip").toString(), Map.copyOf(info));
      }
    }
    this.hosts = Map.copyOf(byIp);
  }

  @Override
  public String timingName() {
    return "hostfromjsonlistadapter";
  }

  @Override
  public Map<String, Object> enrich(String field, Object value, EnrichmentConfig section) {
    return hosts.getOrDefault(value.toString(), Map.of());
  }
}
