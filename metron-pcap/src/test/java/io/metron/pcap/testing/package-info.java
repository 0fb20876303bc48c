/**
 * Test support: {@link io.metron.pcap.testing.Packets} builds frames byte by byte, {@link
 * io.metron.pcap.testing.Traffic} generates reproducible captures, {@link
 * io.metron.pcap.testing.Tools} runs tcpdump and tshark.
 */
package io.metron.pcap.testing;
