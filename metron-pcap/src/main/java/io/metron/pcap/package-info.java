/**
 * Full packet capture for Metron: capture with libpcap, store packets in standard pcap files, and
 * pull out the packets of a flow as a {@code .pcap} again.
 *
 * <p>The stages are packages:
 *
 * <ul>
 *   <li>{@link io.metron.pcap.file}: our own pcap and pcapng codec ({@code PacketReader}, {@code
 *       PcapWriter}); no native code.
 *   <li>{@link io.metron.pcap.decode}: link, network and transport headers to Metron's packet
 *       fields ({@code PacketDecoder}, {@code DecodedPacket}).
 *   <li>{@link io.metron.pcap.filter}: the fixed filter, BPF and byte patterns ({@code
 *       PacketPredicate}).
 *   <li>{@link io.metron.pcap.store}: time-partitioned pcap files with a flow index.
 *   <li>{@link io.metron.pcap.query}: filtered extraction from files or the store.
 *   <li>{@link io.metron.pcap.capture}: libpcap through the foreign-function API.
 *   <li>{@link io.metron.pcap.kafka}: the only package that knows Kafka (pycapa's topic layout).
 * </ul>
 */
package io.metron.pcap;
