/**
 * Packet filters, all behind {@link io.metron.pcap.filter.PacketPredicate}:
 *
 * <ul>
 *   <li>{@link io.metron.pcap.filter.FixedFilter}: Metron's fixed filter (addresses, ports,
 *       protocol, include-reverse), matched on decoded fields, so it sees through VLAN tags and
 *       IPv6 extension headers.
 *   <li>{@link io.metron.pcap.filter.BpfFilter}: a tcpdump expression compiled by libpcap and run
 *       by our classic-BPF interpreter on the raw bytes: tcpdump's meaning, no native call per
 *       packet.
 *   <li>{@link io.metron.pcap.filter.BytePattern}: Metron's binary regular expressions (the
 *       fixed-length byteseek syntax used by {@code BYTEARRAY_MATCHER}), searched anywhere in the
 *       bytes.
 * </ul>
 */
package io.metron.pcap.filter;
