/**
 * Writers that consume {@code indexing}, as Metron's random-access and batch indexing topologies
 * did. {@link io.metron.streams.indexing.SearchIndexWriter} feeds the search store.
 */
package io.metron.streams.indexing;
