/**
 * The archive: every indexed message kept in compressed JSON-lines files partitioned by sensor and
 * day, as Metron's HDFS writer did, for replay and long-term search.
 *
 * <ul>
 *   <li>{@link io.metron.search.archive.ArchiveWriter}: appends, rotates by size and age ({@link
 *       io.metron.search.archive.ArchivePolicy}), seals by rename, recovers after a crash.
 *   <li>{@link io.metron.search.archive.ArchiveReader}: reads a time range of some sensors through
 *       a predicate, skipping damage with a warning.
 * </ul>
 *
 * Layout: {@code <root>/<sensor>/<yyyy>/<MM>/<dd>/<sensor>-<opened>-<seq>.json.gz}.
 */
package io.metron.search.archive;
