/**
 * Packet capture benchmarks, each set beside the Debian tool on the same input: {@link
 * io.metron.bench.pcap.PcapBenchmark} (JMH: decoding rate, one store query), {@link
 * io.metron.bench.pcap.StoreQuerySweep} (store query time against store size and time window,
 * beside {@code tcpdump -r}) and {@link io.metron.bench.pcap.CaptureSweep} (live capture on a veth
 * pair at replay rates from 100 Mbit/s to top speed, to a file and to Kafka, beside {@code tcpdump
 * -w}). {@link io.metron.bench.pcap.PcapData} generates the inputs under {@code /tmp} (never
 * committed); figures and commands are in {@code docs/benchmarks-pcap.md}.
 */
package io.metron.bench.pcap;
