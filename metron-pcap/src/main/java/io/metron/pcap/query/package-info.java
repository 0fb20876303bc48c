/**
 * Pcap query: Metron's fixed filter, a tcpdump expression, a byte pattern and a Stellar predicate
 * over a time range, run over plain pcap files or the packet store, written as one pcap file, a
 * stream, or numbered pages.
 *
 * <p>Key types: {@link io.metron.pcap.query.PcapQuery} (what to find), {@link
 * io.metron.pcap.query.TimeRange}, {@link io.metron.pcap.query.PcapQueryEngine} (runs a query),
 * {@link io.metron.pcap.query.PcapOutput} (where results go) and {@link
 * io.metron.pcap.query.QueryResult} (counts and warnings). Over the store the engine reads only the
 * postings of matching flows from each file's index, so its cost follows the number of matching
 * packets rather than the size of the store.
 */
package io.metron.pcap.query;
