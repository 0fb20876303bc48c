/**
 * Packet capture benchmarks: decoding rate over a pcap file, and store queries for one flow with a
 * time range over a generated store. {@link io.metron.bench.pcap.PcapData} generates the inputs
 * under {@code /tmp} (never committed); the same files are timed with tcpdump and tshark, as
 * recorded in {@code docs/benchmarks-pcap.md}.
 */
package io.metron.bench.pcap;
