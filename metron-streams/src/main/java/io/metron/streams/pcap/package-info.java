/**
 * The packet-store role of the platform: consumes the {@code pcap} topic (what {@code metron pcap
 * capture} or pycapa produce) into the packet store under {@code <data>/pcap}, where {@code metron
 * pcap query} finds it.
 *
 * <p>{@link io.metron.streams.pcap.PacketStoreRole} is the only type: it owns one thread running
 * {@link io.metron.pcap.kafka.StoreFeeder} against a {@link io.metron.pcap.store.PacketStore}. The
 * store itself (files, flow index, recovery, retention) lives in {@code metron-pcap}.
 */
package io.metron.streams.pcap;
