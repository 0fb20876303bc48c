/**
 * {@code metron pcap}: packet capture to Kafka or a file ({@code capture}), pycapa's consumer
 * ({@code consume}), and filtered extraction from the packet store or pcap files ({@code query}).
 * The commands only parse options and print; the work is in {@code metron-pcap}.
 */
package io.metron.cli.pcap;
