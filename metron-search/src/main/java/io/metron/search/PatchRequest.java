package io.metron.search;

import java.util.List;
import java.util.Map;

/**
 * A change to one document, as Metron's {@code PatchRequest}: RFC 6902 operations applied to the
 * latest version. See {@link JsonPatch} for the operations supported.
 *
 * @param guid the document's guid
 * @param sensorType its {@code source.type}, or null for any
 * @param patch the operations, e.g. {@code {"op": "add", "path": "/alert_status", "value": "OPEN"}}
 */
public record PatchRequest(String guid, String sensorType, List<Map<String, Object>> patch) {
  public PatchRequest {
    if (guid == null || guid.isBlank()) {
      throw new IllegalArgumentException("a patch request needs a guid");
    }
    patch = patch == null ? List.of() : List.copyOf(patch);
  }

  /** Sets one top-level field. */
  public static PatchRequest set(String guid, String sensorType, String field, Object value) {
    return new PatchRequest(
        guid,
        sensorType,
        List.of(Map.of("op", "add", "path", "/" + JsonPatch.escape(field), "value", value)));
  }
}
