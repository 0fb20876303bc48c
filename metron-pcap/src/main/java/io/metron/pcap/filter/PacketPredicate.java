package io.metron.pcap.filter;

import io.metron.pcap.decode.DecodedPacket;

/**
 * Decides whether a decoded packet is wanted.
 *
 * <p>Contract: never throws for any packet content (a field the packet lacks simply does not
 * match); may keep scratch state, so an instance is used by one thread at a time unless the
 * implementation says otherwise.
 */
@FunctionalInterface
public interface PacketPredicate {
  /** Accepts every packet. */
  PacketPredicate ALL = p -> true;

  boolean test(DecodedPacket packet);

  /** Both this and {@code other}, evaluated in that order. */
  default PacketPredicate and(PacketPredicate other) {
    if (this == ALL) {
      return other;
    }
    if (other == ALL) {
      return this;
    }
    return p -> test(p) && other.test(p);
  }
}
