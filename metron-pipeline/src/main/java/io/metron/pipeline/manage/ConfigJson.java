package io.metron.pipeline.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metron.stellar.StellarException;
import java.util.Map;

/**
 * Configs as the management functions pass them around: JSON strings, as Metron's REPL did (a
 * {@code CONFIG_GET} result goes in, a string to {@code CONFIG_PUT} comes out). Edits keep the
 * user's keys and their order and change only what the function is about.
 */
final class ConfigJson {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ConfigJson() {}

  /**
   * The config in {@code value}: a JSON string or a map; a null or empty string is an empty config,
   * as in Metron.
   */
  static ObjectNode read(String function, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    if (value instanceof Map<?, ?> map) {
      node = JSON.valueToTree(map);
    } else {
      try {
        node = JSON.readTree(value.toString());
      } catch (JsonProcessingException e) {
        throw new StellarException(
            function + ": the config is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (!(node instanceof ObjectNode object)) {
      throw new StellarException(function + ": the config must be a JSON object, got " + value);
    }
    return object;
  }

  /** The config as indented JSON text. */
  static String write(JsonNode config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new StellarException("cannot write the config as JSON: " + e.getOriginalMessage());
    }
  }

  /** The object under {@code key}, created when missing. */
  static ObjectNode object(String function, ObjectNode parent, String key) {
    JsonNode child = parent.get(key);
    if (child == null || child.isNull()) {
      return parent.putObject(key);
    }
    if (!(child instanceof ObjectNode object)) {
      throw new StellarException(function + ": '" + key + "' must be a JSON object");
    }
    return object;
  }

  /** The array under {@code key}, created when missing. */
  static ArrayNode array(String function, ObjectNode parent, String key) {
    JsonNode child = parent.get(key);
    if (child == null || child.isNull()) {
      return parent.putArray(key);
    }
    if (child.isTextual()) {
      // Metron accepts a single string where a list is expected (input/output).
      ArrayNode list = JSON.createArrayNode().add(child.asText());
      parent.set(key, list);
      return list;
    }
    if (!(child instanceof ArrayNode array)) {
      throw new StellarException(function + ": '" + key + "' must be a JSON array");
    }
    return array;
  }

  /** A Stellar value as JSON. */
  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /** A JSON value as text for a table cell: strings bare, anything else as JSON. */
  static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
