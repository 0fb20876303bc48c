package io.metron.core.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Message identities. A message read from a known position gets a guid derived from that position,
 * so that processing the same input again (after a crash) yields the same guid and the search index
 * replaces the document instead of holding two.
 */
public final class Guids {
  private Guids() {}

  /**
   * The guid of the {@code index}-th message produced from the input at {@code origin} (such as
   * {@code bro/0/1234}: topic, partition, offset), or a random one when the origin is unknown.
   */
  public static String derived(String origin, int index) {
    if (origin == null) {
      return UUID.randomUUID().toString();
    }
    return UUID.nameUUIDFromBytes((origin + "#" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
