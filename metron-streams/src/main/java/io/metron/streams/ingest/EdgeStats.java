package io.metron.streams.ingest;

/**
 * A snapshot of one edge's counters for one sensor.
 *
 * @param edge the edge's name, such as {@code syslog-udp:5514}
 * @param sensor the sensor (topic) written to
 * @param received events taken in: datagrams, framed messages, lines or HEC events
 * @param written events the broker acknowledged
 * @param failed events the broker did not take (after the producer's own retries)
 * @param oversize events discarded because they were over the edge's size limit
 * @param dropped events lost before they could be taken in: for UDP the kernel's receive drops on
 *     this socket since start plus datagrams refused because the edge's queue was full (so
 *     datagrams sent = received + dropped); for TCP octet-counted frames cut off by a closed
 *     connection
 */
public record EdgeStats(
    String edge,
    String sensor,
    long received,
    long written,
    long failed,
    long oversize,
    long dropped) {}
