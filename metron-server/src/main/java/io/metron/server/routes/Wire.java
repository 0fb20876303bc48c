package io.metron.server.routes;

import io.metron.search.GetRequest;
import io.metron.search.IndexedDocument;
import io.metron.server.api.ApiException;
import java.util.List;
import java.util.Map;

/** Metron's JSON shapes shared by several endpoint groups, and the checks on their fields. */
final class Wire {
  private Wire() {}

  /** Metron's {@code GetRequest}. */
  record GetBody(String guid, String sensorType, String index) {
    GetRequest toRequest(String at) {
      return new GetRequest(required(guid, at + "guid"), sensorType);
    }
  }

  /** Metron's {@code Document}: the latest version of one document. */
  record DocumentView(
      Map<String, Object> document, String guid, String sensorType, Long timestamp) {
    static DocumentView of(IndexedDocument d) {
      return new DocumentView(d.fields(), d.guid(), d.sensorType(), d.timestamp());
    }
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("field '" + field + "' is required", field);
    }
    return value;
  }

  static <T> List<T> requiredList(List<T> value, String field) {
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest("field '" + field + "' needs at least one entry", field);
    }
    return value;
  }

  static List<GetRequest> requests(List<GetBody> alerts, String field) {
    requiredList(alerts, field);
    java.util.ArrayList<GetRequest> out = new java.util.ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      GetBody g = alerts.get(i);
      if (g == null) {
        throw ApiException.badRequest(
            "field '" + field + "[" + i + "]' must be an object", field + "[" + i + "]");
      }
      out.add(g.toRequest(field + "[" + i + "]."));
    }
    return out;
  }
}
