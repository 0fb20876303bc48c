/**
 * The search store: where indexed messages live and how analysts find and work them.
 *
 * <p>{@link io.metron.search.SearchStore} is the one interface, with Metron's semantics: search
 * ({@link io.metron.search.SearchRequest}, {@link io.metron.search.SearchResponse}), group-by
 * ({@link io.metron.search.GroupRequest}), retrieve-latest ({@link io.metron.search.GetRequest}),
 * replace and patch ({@link io.metron.search.PatchRequest}, applied by {@link
 * io.metron.search.JsonPatch}), comments and column metadata. Two implementations share one
 * contract test suite: {@link io.metron.search.lucene.LuceneSearchStore} (embedded, the default)
 * and {@link io.metron.search.opensearch.OpenSearchStore}. Meta-alerts are built on top of any
 * store in {@link io.metron.search.metaalert}; archive files are in {@link
 * io.metron.search.archive}.
 */
package io.metron.search;
