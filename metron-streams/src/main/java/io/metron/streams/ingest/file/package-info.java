/**
 * The file-tail edge: follows a growing file (a sensor's log, Suricata's {@code eve.json}) and
 * writes each complete line to a sensor topic.
 *
 * <ul>
 *   <li>{@link io.metron.streams.ingest.file.TailSpec}: the {@code FILE:SENSOR} spec strings of
 *       {@code --tail}.
 *   <li>{@link io.metron.streams.ingest.file.FileTailEdge}: the follower. It survives rotation by
 *       rename (it finishes the old file, then starts the new one) and by copy-and-truncate, and it
 *       resumes after a restart where Kafka's last acknowledgment left it.
 *   <li>{@link io.metron.streams.ingest.file.TailPosition}: the persisted position (file identity,
 *       offset, a fingerprint of the file's head), written atomically.
 * </ul>
 */
package io.metron.streams.ingest.file;
