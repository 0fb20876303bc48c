package io.metron.search.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.core.message.MessageFields;
import io.metron.search.FieldType;
import io.metron.search.FieldTyping;
import java.util.Map;

/**
 * The index template that makes OpenSearch type fields as the embedded store does ({@link
 * FieldTyping}): overrides first, then Metron's standard names, then the JSON type of the first
 * value (integers as {@code long}, decimals as {@code double}, strings as {@code keyword}). Values
 * that do not fit are kept in the source but not indexed ({@code ignore_malformed}), as in Lucene.
 */
final class IndexTemplate {
  static final String NAME = "metron";
  static final String PATTERN = "*" + io.metron.search.IndexNames.INFIX + "*";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private IndexTemplate() {}

  static ObjectNode body(FieldTyping typing, int replicas) {
    ObjectNode body = JSON.objectNode();
    body.putArray("index_patterns").add(PATTERN);
    body.put("priority", 100);
    ObjectNode template = body.putObject("template");
    ObjectNode settings = template.putObject("settings");
    settings.put("index.number_of_shards", 1);
    settings.put("index.number_of_replicas", replicas);
    settings.put("index.mapping.ignore_malformed", true);
    settings.put("index.mapping.total_fields.limit", 10_000);
    ObjectNode mappings = template.putObject("mappings");
    mappings.put("date_detection", false);
    mappings.put("numeric_detection", false);
    ArrayNode dynamic = mappings.putArray("dynamic_templates");
    int i = 0;
    for (Map.Entry<String, FieldType> e : typing.overrides().entrySet()) {
      byPath(dynamic, "override_" + i++, e.getKey(), mapping(e.getValue(), e.getKey()));
    }
    ObjectNode unindexed = JSON.objectNode().put("type", "object").put("enabled", false);
    byPath(dynamic, "meta_alert_children", "metron_alert", unindexed);
    byPath(dynamic, "comments", MessageFields.COMMENTS, unindexed);
    byPath(dynamic, "original_string", MessageFields.ORIGINAL_STRING, mapping(FieldType.TEXT, ""));
    ObjectNode date = JSON.objectNode().put("type", "date").put("format", "epoch_millis");
    byPath(dynamic, "timestamp", MessageFields.TIMESTAMP, date);
    byPath(dynamic, "timing", "*.ts", date);
    byPath(dynamic, "threat_score", "threat.triage.*score", mapping(FieldType.DOUBLE, ""));
    byPath(dynamic, "src_addr", MessageFields.SRC_ADDR, mapping(FieldType.IP, ""));
    byPath(dynamic, "dst_addr", MessageFields.DST_ADDR, mapping(FieldType.IP, ""));
    byPath(dynamic, "geo_points", "*.location_point", mapping(FieldType.GEO_POINT, ""));
    for (String keyword :
        new String[] {
          MessageFields.GUID,
          MessageFields.SOURCE_TYPE,
          MessageFields.ALERT_STATUS,
          MessageFields.METAALERTS,
          "status"
        }) {
      byPath(dynamic, "keyword_" + keyword, keyword, mapping(FieldType.KEYWORD, ""));
    }
    ObjectNode addresses = JSON.objectNode();
    addresses.put("match_mapping_type", "string");
    addresses.put("match_pattern", "regex");
    addresses.put("path_match", ".*(_addr|_ip|\\.ip)$");
    addresses.set("mapping", mapping(FieldType.IP, ""));
    dynamic.addObject().set("address_like", addresses);
    byJsonType(dynamic, "long", mapping(FieldType.LONG, ""));
    byJsonType(dynamic, "double", mapping(FieldType.DOUBLE, ""));
    byJsonType(dynamic, "boolean", mapping(FieldType.BOOLEAN, ""));
    byJsonType(dynamic, "string", mapping(FieldType.KEYWORD, ""));
    return body;
  }

  static ObjectNode mapping(FieldType type, String field) {
    ObjectNode m = JSON.objectNode();
    switch (type) {
      case KEYWORD -> m.put("type", "keyword").put("ignore_above", 8191);
      case TEXT -> m.put("type", "text");
      case LONG -> {
        if (field.equals(MessageFields.TIMESTAMP) || field.endsWith(".ts")) {
          m.put("type", "date").put("format", "epoch_millis");
        } else {
          m.put("type", "long");
        }
      }
      case DOUBLE -> m.put("type", "double");
      case BOOLEAN -> m.put("type", "boolean");
      case IP -> m.put("type", "ip");
      case GEO_POINT -> m.put("type", "geo_point");
    }
    return m;
  }

  private static void byPath(ArrayNode dynamic, String name, String path, ObjectNode mapping) {
    ObjectNode t = JSON.objectNode();
    t.put("path_match", path);
    t.set("mapping", mapping);
    dynamic.addObject().set(name, t);
  }

  private static void byJsonType(ArrayNode dynamic, String jsonType, ObjectNode mapping) {
    ObjectNode t = JSON.objectNode();
    t.put("match_mapping_type", jsonType);
    t.set("mapping", mapping);
    dynamic.addObject().set(jsonType + "s", t);
  }
}
