package io.metron.core.message;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event: a flat map of field name to JSON value, in insertion order.
 *
 * <p>Metron messages are flat (nested objects are flattened into dotted names such as {@code
 * enrichments.geo.ip_dst_addr.city}); values are strings, numbers, booleans, lists or, rarely,
 * maps. Not thread-safe: a message belongs to one stage at a time.
 */
public final class Message {
  private final LinkedHashMap<String, Object> fields;

  private Message(LinkedHashMap<String, Object> fields) {
    this.fields = fields;
  }

  /** An empty message. */
  public static Message empty() {
    return new Message(new LinkedHashMap<>());
  }

  /** A message holding a copy of {@code fields}. */
  public static Message of(Map<String, ?> fields) {
    return new Message(new LinkedHashMap<>(fields));
  }

  /** Wraps {@code fields} without copying; the caller gives up its reference. */
  static Message wrap(LinkedHashMap<String, Object> fields) {
    return new Message(fields);
  }

  public Object get(String field) {
    return fields.get(field);
  }

  /** Sets a field; a {@code null} value removes it, as Metron's transformations do. */
  public Message put(String field, Object value) {
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return this;
  }

  public Message putIfAbsent(String field, Object value) {
    if (value != null) {
      fields.putIfAbsent(field, value);
    }
    return this;
  }

  public Object remove(String field) {
    return fields.remove(field);
  }

  public boolean has(String field) {
    return fields.get(field) != null;
  }

  /** The live, mutable field map. */
  public Map<String, Object> fields() {
    return fields;
  }

  public Message copy() {
    return new Message(new LinkedHashMap<>(fields));
  }

  public String guid() {
    return string(MessageFields.GUID);
  }

  public String sourceType() {
    return string(MessageFields.SOURCE_TYPE);
  }

  public String originalString() {
    return string(MessageFields.ORIGINAL_STRING);
  }

  /**
   * The event time in epoch milliseconds, or {@code null} when absent or not a number. Numeric
   * strings are accepted because many sensors send them.
   */
  public Long timestamp() {
    Object value = fields.get(MessageFields.TIMESTAMP);
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return (long) Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private String string(String field) {
    Object value = fields.get(field);
    return value == null ? null : value.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(fields);
  }

  @Override
  public String toString() {
    return MessageCodec.toJson(this);
  }
}
