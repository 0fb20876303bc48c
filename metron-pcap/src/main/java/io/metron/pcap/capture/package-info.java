/**
 * Packet capture: read packets from libpcap (a live interface or a file) and hand them to a {@link
 * io.metron.pcap.capture.PacketSink}, counting what was received, sent, dropped by the kernel and
 * dropped by us.
 *
 * <p>Key types: {@link io.metron.pcap.capture.Capture} (the loop, with {@code --max-packets} and
 * periodic statistics), {@link io.metron.pcap.capture.CaptureOptions}, {@link
 * io.metron.pcap.capture.CaptureCounters}, and the sinks: {@link
 * io.metron.pcap.capture.PcapFileSink} here and the Kafka producer in {@code io.metron.pcap.kafka}.
 */
package io.metron.pcap.capture;
