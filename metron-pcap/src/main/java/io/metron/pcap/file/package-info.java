/**
 * The pcap file codec: classic libpcap files in both byte orders with microsecond or nanosecond
 * timestamps, and pcapng for reading.
 *
 * <p>{@link io.metron.pcap.file.PacketReader} is a cursor over the records of a file or stream that
 * reuses one buffer, so reading allocates nothing per packet; {@link
 * io.metron.pcap.file.PcapWriter} writes the classic format. A damaged file raises {@link
 * io.metron.pcap.file.PcapFormatException} naming the byte offset and packet number, after every
 * whole packet before the damage has been returned. The two readers (classic and pcapng) share
 * their record state and failure handling through the package-private {@code RecordCursor}.
 */
package io.metron.pcap.file;
