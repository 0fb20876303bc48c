/**
 * The Kafka edge of packet capture, in pycapa's layout: record key = the capture time as an 8-byte
 * big-endian unsigned integer (microseconds by default; Metron's {@code kafka.pcap.ts_granularity}
 * also allows milliseconds and nanoseconds), value = the raw packet without pcap headers.
 *
 * <p>{@link io.metron.pcap.kafka.KafkaPacketSink} produces captured packets; {@link
 * io.metron.pcap.kafka.TopicConsumer} reads a topic from the beginning, the end or the stored
 * offset into any {@link io.metron.pcap.capture.PacketSink} (a pcap stream for {@code metron pcap
 * consume}); {@link io.metron.pcap.kafka.StoreFeeder} is the packet-store role, committing offsets
 * only after the store has flushed. This is the only package that imports Kafka.
 */
package io.metron.pcap.kafka;
