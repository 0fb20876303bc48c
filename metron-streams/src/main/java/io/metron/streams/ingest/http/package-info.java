/**
 * The HTTP edge: {@code POST /ingest/<sensor>} with newline-delimited events, and the Splunk HTTP
 * Event Collector endpoints ({@code /services/collector/event}, {@code /services/collector/raw})
 * that many log shippers speak. Both answer success only once every event of the request is
 * acknowledged by Kafka, so a client that retries on failure loses nothing.
 *
 * <ul>
 *   <li>{@link io.metron.streams.ingest.http.HttpEdge}: the routes, on its own Javalin server or
 *       registered on a shared one.
 *   <li>{@link io.metron.streams.ingest.http.HttpSettings}: bind address, port, body size limit and
 *       HEC tokens.
 *   <li>{@link io.metron.streams.ingest.http.HecToken}: a HEC token and the sensors it may write.
 *   <li>{@link io.metron.streams.ingest.http.HecBatch}: reads HEC's concatenated JSON event
 *       envelopes, keeping each {@code event} byte for byte.
 *   <li>{@link io.metron.streams.ingest.http.HecStatus}: HEC's status codes and texts.
 * </ul>
 */
package io.metron.streams.ingest.http;
