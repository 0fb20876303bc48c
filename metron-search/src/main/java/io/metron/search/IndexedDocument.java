package io.metron.search;

import io.metron.core.message.Message;
import java.util.Map;

/**
 * The latest stored version of a document, as Metron's {@code Document}.
 *
 * @param guid its guid
 * @param sensorType its {@code source.type}
 * @param timestamp its {@code timestamp}, or null
 * @param index the index it lives in
 * @param fields every field
 */
public record IndexedDocument(
    String guid, String sensorType, Long timestamp, String index, Map<String, Object> fields) {

  public IndexedDocument {
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** A copy of the fields as a message, to change and write back. */
  public Message toMessage() {
    return Message.of(new java.util.LinkedHashMap<>(fields));
  }

  /** The document for {@code message} in {@code index}. */
  public static IndexedDocument of(Message message, String index) {
    return new IndexedDocument(
        message.guid(), message.sourceType(), message.timestamp(), index, nonNull(message));
  }

  private static Map<String, Object> nonNull(Message message) {
    Map<String, Object> copy = new java.util.LinkedHashMap<>();
    message
        .fields()
        .forEach(
            (k, v) -> {
              if (v != null) {
                copy.put(k, v);
              }
            });
    return copy;
  }
}
