/**
 * The enrichment and threat-intel tables' storage: {@link io.metron.streams.tables.TableStore}
 * keeps (type, indicator) → value rows in an embedded RocksDB under {@code <data>/tables}, written
 * by one loader and read by any number of pipelines; {@link io.metron.streams.tables.Tables} is the
 * cached, self-refreshing reader a running pipeline uses, so loads show up without a restart.
 */
package io.metron.streams.tables;
