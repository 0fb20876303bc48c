package io.metron.search;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules that type a field, shared by both back ends so they agree: an override file first, then
 * Metron's standard field names, then the first value seen. Immutable; thread-safe.
 *
 * <p>The override file is a JSON object of field name to type name ({@code {"dns.qtype": "long",
 * "host": "keyword"}}); {@value #OVERRIDE_FILE} in the store's directory for Lucene. An override
 * takes effect for indices created after it is set: a day index keeps the types it started with.
 */
public final class FieldTyping {
  /** The name of the override file in a store's directory. */
  public static final String OVERRIDE_FILE = "field-types.override.json";

  private final Map<String, FieldType> overrides;

  public FieldTyping(Map<String, FieldType> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** No overrides. */
  public static FieldTyping defaults() {
    return new FieldTyping(Map.of());
  }

  /**
   * Reads the override file {@code file} if it exists.
   *
   * @throws IOException naming the file and the bad entry
   */
  public static FieldTyping load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return defaults();
    }
    Map<String, Object> raw;
    try {
      raw = MessageCodec.JSON.readValue(file.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IOException(file + ": not a JSON object of field name to type: " + e.getMessage());
    }
    Map<String, FieldType> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : raw.entrySet()) {
      try {
        parsed.put(entry.getKey(), FieldType.parse(String.valueOf(entry.getValue())));
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": $." + entry.getKey() + ": " + e.getMessage());
      }
    }
    return new FieldTyping(parsed);
  }

  public Map<String, FieldType> overrides() {
    return overrides;
  }

  /** The type an override gives {@code field}, or null. */
  public FieldType override(String field) {
    return overrides.get(field);
  }

  /** The type Metron's conventions give {@code field} by its name alone, or null. */
  public static FieldType byName(String field) {
    if (field.equals(MessageFields.ORIGINAL_STRING)) {
      return FieldType.TEXT;
    }
    if (field.equals(MessageFields.TIMESTAMP) || field.endsWith(".ts")) {
      return FieldType.LONG;
    }
    if (field.equals(MessageFields.THREAT_SCORE)
        || (field.startsWith("threat.triage.") && field.endsWith("score"))) {
      return FieldType.DOUBLE;
    }
    if (field.equals(MessageFields.SRC_ADDR) || field.equals(MessageFields.DST_ADDR)) {
      return FieldType.IP;
    }
    if (field.endsWith(".location_point")) {
      return FieldType.GEO_POINT;
    }
    if (field.equals(MessageFields.GUID)
        || field.equals(MessageFields.SOURCE_TYPE)
        || field.equals(MessageFields.ALERT_STATUS)
        || field.equals(MessageFields.METAALERTS)
        || field.equals("status")) {
      return FieldType.KEYWORD;
    }
    return null;
  }

  /** The type the first value of a field implies. */
  public static FieldType byValue(String field, Object value) {
    return switch (value) {
      case Integer i -> FieldType.LONG;
      case Long l -> FieldType.LONG;
      case Short s -> FieldType.LONG;
      case java.math.BigInteger b -> FieldType.LONG;
      case Float f -> FieldType.DOUBLE;
      case Double d -> FieldType.DOUBLE;
      case java.math.BigDecimal d -> FieldType.DOUBLE;
      case Boolean b -> FieldType.BOOLEAN;
      case String s when looksLikeAddressField(field) && ipLiteral(s) != null -> FieldType.IP;
      default -> FieldType.KEYWORD;
    };
  }

  /** {@code text} as an address, if it is an IPv4 or IPv6 literal (no name lookups), else null. */
  public static InetAddress ipLiteral(String text) {
    try {
      return InetAddress.ofLiteral(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Fields named like addresses are typed as addresses when their first value is one. */
  private static boolean looksLikeAddressField(String field) {
    return field.endsWith("_addr") || field.endsWith("_ip") || field.endsWith(".ip");
  }

  /** Fields whose values are lists of objects: kept in the document, never indexed. */
  public static boolean isUnindexedObject(String field) {
    return field.equals("metron_alert") || field.equals(MessageFields.COMMENTS);
  }
}
