/**
 * The search store: where indexed messages live and how analysts find them.
 *
 * <p>{@link io.metron.search.SearchStore} is the one interface; {@link
 * io.metron.search.lucene.LuceneSearchStore} is the embedded implementation used on a single
 * machine. Requests and responses ({@link io.metron.search.SearchRequest}, {@link
 * io.metron.search.SearchResponse}) follow Metron's search API so the REST layer maps onto them
 * directly.
 */
package io.metron.search;
