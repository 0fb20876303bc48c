package io.metron.search;

import java.util.List;

/**
 * A search, shaped as Metron's {@code SearchRequest}.
 *
 * @param query Lucene query syntax; {@code *} matches everything
 * @param indices sensor names or index name prefixes to search; empty means all
 * @param from offset of the first hit (paging)
 * @param size at most this many hits; bounded by {@link #MAX_SIZE}
 * @param fromTime inclusive lower bound on {@code timestamp} (epoch ms), or null
 * @param toTime exclusive upper bound on {@code timestamp} (epoch ms), or null
 * @param sort sort order; empty means newest first
 * @param fields fields to return; empty means all
 * @param facetFields fields to count values of
 */
public record SearchRequest(
    String query,
    List<String> indices,
    int from,
    int size,
    Long fromTime,
    Long toTime,
    List<SortField> sort,
    List<String> fields,
    List<String> facetFields) {

  /** The default page size when none is given, as Metron's UI used. */
  public static final int DEFAULT_SIZE = 25;

  /** No request returns more than this many hits; page with {@code from} for more. */
  public static final int MAX_SIZE = 10_000;

  public SearchRequest {
    query = query == null || query.isBlank() ? "*" : query;
    indices = indices == null ? List.of() : List.copyOf(indices);
    sort = sort == null ? List.of() : List.copyOf(sort);
    fields = fields == null ? List.of() : List.copyOf(fields);
    facetFields = facetFields == null ? List.of() : List.copyOf(facetFields);
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative");
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 0 and " + MAX_SIZE);
    }
  }

  /** All documents matching {@code query}, newest first, first {@code size}. */
  public static SearchRequest of(String query, int size) {
    return new SearchRequest(
        query, List.of(), 0, size, null, null, List.of(), List.of(), List.of());
  }

  /** A sort key. */
  public record SortField(String field, boolean ascending) {}
}
