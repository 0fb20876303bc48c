package io.metron.search;

import io.metron.core.message.Message;

/**
 * A message on its way into a store from the indexing topic, with what lets the store skip work.
 *
 * @param message the message
 * @param source its JSON exactly as read, to keep as the stored source and archive line, or null
 *     when the message was changed after reading (the store encodes it then)
 * @param partition the input partition it was read from (such as {@code indexing-3}), or null when
 *     it has no position
 * @param offset its offset in that partition
 * @param newGuid whether its guid is known not to be in the store yet (a guid the pipeline derived
 *     from a sensor-topic position, read past every position the store holds), so the store may add
 *     it without looking for an earlier copy to replace
 */
public record Incoming(
    Message message, byte[] source, String partition, long offset, boolean newGuid) {

  /** A message with no position, to be replaced by guid as any write is. */
  public static Incoming of(Message message) {
    return new Incoming(message, null, null, -1, false);
  }
}
