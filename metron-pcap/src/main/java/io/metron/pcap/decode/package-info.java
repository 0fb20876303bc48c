/**
 * Packet decoding: link layer (Ethernet with stacked 802.1Q/802.1ad tags, Linux cooked v1/v2, BSD
 * loopback, raw IP), IPv4, IPv6 with its extension headers, TCP, UDP, SCTP, ICMP and ICMPv6.
 *
 * <p>{@link io.metron.pcap.decode.PacketDecoder} fills a reusable {@link
 * io.metron.pcap.decode.DecodedPacket} in place, so decoding allocates nothing per packet. A packet
 * that cannot be fully decoded keeps whatever layers could be read: an ARP frame has a link layer
 * and no addresses, a non-first IP fragment has addresses and a protocol but no ports. Field names
 * follow Metron's ({@code ip_src_addr}, {@code ip_dst_port}, {@code protocol}, ...).
 */
package io.metron.pcap.decode;
