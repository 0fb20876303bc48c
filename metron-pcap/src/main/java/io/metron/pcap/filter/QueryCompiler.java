package io.metron.pcap.filter;

/**
 * Turns a query-language expression over packet fields (Metron's Stellar {@code --query}) into a
 * predicate. Implementations report a bad expression with an {@link IllegalArgumentException} whose
 * message names the problem; the predicates they return follow {@link PacketPredicate}'s contract.
 */
@FunctionalInterface
public interface QueryCompiler {
  PacketPredicate compile(String expression);
}
