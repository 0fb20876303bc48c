/**
 * The engine: Metron's flow wired onto Kafka. Stage logic lives elsewhere; this package only
 * connects it to topics.
 *
 * <ul>
 *   <li>{@link io.metron.streams.Topics}: Metron's topic names and their creation.
 *   <li>{@link io.metron.streams.PipelineTopology}: the Kafka Streams topology, one parsing
 *       sub-topology per sensor ({@code <sensor>} → {@code enrichments}) and the enrichment
 *       sub-topology ({@code enrichments} → {@code indexing}); errors go to {@code indexing}.
 *   <li>{@link io.metron.streams.Platform}: everything {@code metron run} starts, in order, and
 *       stops in reverse.
 * </ul>
 */
package io.metron.streams;
