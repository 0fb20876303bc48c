package io.metron.pipeline.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metron's "enrichment config" for loaders (the {@code -n} file): {@code {"zkQuorum": ...,
 * "sensorToFieldList": {"<sensor>": {"type": "ENRICHMENT" | "THREAT_INTEL",
 * "fieldToEnrichmentTypes": {"<field>": ["<type>", ...]}}}}}. Applying it to a sensor's enrichment
 * config adds each field to the {@code hbaseEnrichment} (or {@code hbaseThreatIntel}) field list
 * and its types to {@code fieldToTypeMap}, without duplicates, so loading the same data twice
 * changes nothing the second time.
 */
public final class EnrichmentConfigUpdate {

  /** The patch for one sensor. */
  public record SensorUpdate(boolean threatIntel, Map<String, List<String>> fieldToTypes) {}

  private final Map<String, SensorUpdate> sensors;

  private EnrichmentConfigUpdate(Map<String, SensorUpdate> sensors) {
    this.sensors = sensors;
  }

  /** The sensors the file names, in order. */
  public Map<String, SensorUpdate> sensors() {
    return sensors;
  }

  /** Reads the {@code -n} document. */
  public static EnrichmentConfigUpdate parse(JsonNode json, String name) throws LoadException {
    if (json == null || !json.isObject()) {
      throw new LoadException(name + ": expected a JSON object with sensorToFieldList");
    }
    JsonNode list = json.get("sensorToFieldList");
    if (list == null || !list.isObject()) {
      throw new LoadException(name + ": $.sensorToFieldList: required, an object of sensor names");
    }
    Map<String, SensorUpdate> out = new LinkedHashMap<>();
    for (var it = list.fields(); it.hasNext(); ) {
      var entry = it.next();
      String at = name + ": $.sensorToFieldList." + entry.getKey();
      JsonNode sensor = entry.getValue();
      String type = sensor.path("type").asText("ENRICHMENT").toUpperCase(Locale.ROOT);
      if (!type.equals("ENRICHMENT") && !type.equals("THREAT_INTEL")) {
        throw new LoadException(at + ".type: expected ENRICHMENT or THREAT_INTEL, got " + type);
      }
      JsonNode fields = sensor.get("fieldToEnrichmentTypes");
      if (fields == null || !fields.isObject()) {
        throw new LoadException(at + ".fieldToEnrichmentTypes: required, field to list of types");
      }
      Map<String, List<String>> fieldToTypes = new LinkedHashMap<>();
      for (var f = fields.fields(); f.hasNext(); ) {
        var field = f.next();
        List<String> types = new ArrayList<>();
        if (field.getValue().isArray()) {
          field.getValue().forEach(t -> types.add(t.asText()));
        } else if (field.getValue().isTextual()) {
          types.add(field.getValue().asText());
        } else {
          throw new LoadException(
              at + ".fieldToEnrichmentTypes." + field.getKey() + ": expected a list of types");
        }
        fieldToTypes.put(field.getKey(), List.copyOf(types));
      }
      out.put(entry.getKey(), new SensorUpdate(type.equals("THREAT_INTEL"), fieldToTypes));
    }
    return new EnrichmentConfigUpdate(out);
  }

  /**
   * Applies the sensor's patch to its enrichment config document ({@code null} when the sensor has
   * none yet), returning the updated document.
   */
  public static ObjectNode apply(ObjectNode document, SensorUpdate update) {
    ObjectNode root =
        document == null ? JsonNodeFactory.instance.objectNode() : document.deepCopy();
    String sectionName = update.threatIntel() ? "threatIntel" : "enrichment";
    String adapter = update.threatIntel() ? "hbaseThreatIntel" : "hbaseEnrichment";
    ObjectNode section = object(root, sectionName);
    ObjectNode fieldMap = object(section, "fieldMap");
    ObjectNode fieldToTypeMap = object(section, "fieldToTypeMap");
    ArrayNode adapterFields = array(fieldMap, adapter);
    for (Map.Entry<String, List<String>> e : update.fieldToTypes().entrySet()) {
      addOnce(adapterFields, e.getKey());
      ArrayNode types = array(fieldToTypeMap, e.getKey());
      e.getValue().forEach(t -> addOnce(types, t));
    }
    return root;
  }

  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(name);
  }

  private static ArrayNode array(ObjectNode parent, String name) {
    JsonNode node = parent.get(name);
    if (node instanceof ArrayNode a) {
      return a;
    }
    return parent.putArray(name);
  }

  private static void addOnce(ArrayNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return;
      }
    }
    array.add(value);
  }
}
