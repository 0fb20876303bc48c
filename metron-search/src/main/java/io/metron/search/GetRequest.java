package io.metron.search;

/**
 * Which document to fetch, as Metron's {@code GetRequest}.
 *
 * @param guid the document's guid
 * @param sensorType its {@code source.type}, narrowing the indices searched; null for any
 */
public record GetRequest(String guid, String sensorType) {
  public GetRequest {
    if (guid == null || guid.isBlank()) {
      throw new IllegalArgumentException("a get request needs a guid");
    }
  }
}
