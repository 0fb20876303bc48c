/**
 * Ingest edges: sources outside Kafka that write raw events, byte for byte, to a sensor topic.
 * Parsing happens downstream; an edge only frames (splits a stream into events) and delivers.
 *
 * <ul>
 *   <li>{@link io.metron.streams.ingest.IngestEdge}: the contract every edge keeps (start, close,
 *       counters).
 *   <li>{@link io.metron.streams.ingest.EventSink} and {@link
 *       io.metron.streams.ingest.KafkaEventSink}: where events go; the Kafka one is an idempotent
 *       {@code acks=all} producer whose futures complete only when the broker has the event.
 *   <li>{@link io.metron.streams.ingest.EdgeCounters} and {@link
 *       io.metron.streams.ingest.EdgeStats}: received, written, failed, oversize and dropped counts
 *       per edge and sensor, for {@code /metrics}.
 *   <li>{@link io.metron.streams.ingest.SensorName}: the check that a sensor name is a legal Kafka
 *       topic name.
 * </ul>
 *
 * <p>The edges themselves live in sub-packages: {@code syslog} (UDP and TCP), {@code http} ({@code
 * /ingest/<sensor>} and the Splunk HEC endpoints) and {@code file} (tail with rotation and a
 * persisted position). The fourth edge, plain Kafka, needs no code: any producer that writes to the
 * sensor topic is one.
 */
package io.metron.streams.ingest;
