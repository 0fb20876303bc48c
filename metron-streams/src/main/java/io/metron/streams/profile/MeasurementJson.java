package io.metron.streams.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.profile.ProfileMeasurement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON the streaming profiler writes: a measurement on {@code profiles}, and Metron's profiler
 * message ({@code KafkaEmitter}) on {@code enrichments} for a measurement with triage values.
 */
final class MeasurementJson {
  private MeasurementJson() {}

  /** {@code profile, entity, period, period.start, period.end, groups, value, triage}. */
  static byte[] measurement(ProfileMeasurement m) {
    Map<String, Object> out = header(m);
    out.put("groups", plain(m.groups()));
    out.put("value", plain(m.value()));
    if (!m.triage().isEmpty()) {
      out.put("triage", plain(m.triage()));
    }
    return write(out);
  }

  /**
   * Metron's profiler message: the period, {@code source.type: profiler}, {@code is_alert: "true"},
   * a guid (derived from the key, so a replayed flush sends the same message) and the triage values
   * that are numbers, strings or booleans.
   */
  static byte[] triage(ProfileMeasurement m, long now) {
    Map<String, Object> out = header(m);
    out.put("timestamp", now);
    out.put(MessageFields.SOURCE_TYPE, "profiler");
    out.put("is_alert", "true");
    out.put(
        MessageFields.GUID,
        UUID.nameUUIDFromBytes(
                (m.profile() + '\u0000' + m.entity() + '\u0000' + m.period().period())
                    .getBytes(StandardCharsets.UTF_8))
            .toString());
    m.triage()
        .forEach(
            (k, v) -> {
              if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                out.put(k, v);
              }
            });
    return write(out);
  }

  private static Map<String, Object> header(ProfileMeasurement m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("profile", m.profile());
    out.put("entity", m.entity());
    out.put("period", m.period().period());
    out.put("period.start", m.period().startMillis());
    out.put("period.end", m.period().endMillis());
    return out;
  }

  /** A value as plain JSON: sketches and other objects by their string form. */
  private static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v.toString();
  }

  private static byte[] write(Map<String, Object> out) {
    try {
      return MessageCodec.JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain map always serializes", e);
    }
  }
}
