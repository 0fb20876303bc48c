package io.metron.core.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Message identities. A message read from a known position gets a guid derived from that position,
 * so that processing the same input again (after a crash) yields the same guid and the search index
 * replaces the document instead of holding two.
 */
public final class Guids {
  private Guids() {}

  /**
   * One MD5 digest per thread: {@link UUID#nameUUIDFromBytes} looks the algorithm up among the
   * security providers for every guid, which was a visible share of the stream threads' time.
   */
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has MD5", e);
            }
          });

  /**
   * The guid of the {@code index}-th message produced from the input at {@code origin} (such as
   * {@code bro/0/1234}: topic, partition, offset), or a random one when the origin is unknown. The
   * same name-based (version 3) UUID as {@link UUID#nameUUIDFromBytes} of {@code origin#index}.
   */
  public static String derived(String origin, int index) {
    if (origin == null) {
      return UUID.randomUUID().toString();
    }
    byte[] md5 = MD5.get().digest((origin + "#" + index).getBytes(StandardCharsets.UTF_8));
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    ByteBuffer bits = ByteBuffer.wrap(md5);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }
}
