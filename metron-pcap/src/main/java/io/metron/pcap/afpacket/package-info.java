/**
 * Linux AF_PACKET capture through Java's foreign-function API: TPACKET_V3 memory-mapped receive
 * rings, block-at-a-time processing, {@code PACKET_FANOUT} across capture threads, kernel drop
 * counters from {@code PACKET_STATISTICS}, and tcpdump filters compiled by libpcap and attached
 * with {@code SO_ATTACH_FILTER}.
 *
 * <p>Key types: {@link io.metron.pcap.afpacket.AfPacketEngine} (the engine behind {@code metron
 * pcap capture --engine afpacket}); inside, {@code PacketSocket} (one socket and its ring), {@code
 * RingBlock} (reading one block of frames in place) and {@code Libc} (the system calls). libpcap
 * ({@code io.metron.pcap.libpcap}) stays the portable engine and reads files.
 */
package io.metron.pcap.afpacket;
