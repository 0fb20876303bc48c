package io.metron.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A search, shaped as Metron's {@code SearchRequest}: a Lucene query, the indices to search, a page
 * ({@code from}, {@code size}), a sort, the fields to return and the fields to count values of.
 *
 * <p>Every search is bounded: {@code size} is at most {@link #MAX_SIZE} and facets count at most
 * {@link #MAX_FACET_VALUES} values per field. A search without a time range covers every index it
 * names; callers that face users (the CLI, the REST API) add a default time range.
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
 * @param filters further Lucene queries every hit must also match (they do not change relevance)
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
    List<String> facetFields,
    List<String> filters) {

  /** The default page size when none is given, as Metron's UI used. */
  public static final int DEFAULT_SIZE = 25;

  /** No request returns more than this many hits; page with {@code from} for more. */
  public static final int MAX_SIZE = 10_000;

  /** A facet reports at most this many values per field, the most frequent first. */
  public static final int MAX_FACET_VALUES = 100;

  public SearchRequest {
    query = query == null || query.isBlank() ? "*" : query;
    indices = indices == null ? List.of() : List.copyOf(indices);
    sort = sort == null ? List.of() : List.copyOf(sort);
    fields = fields == null ? List.of() : List.copyOf(fields);
    facetFields = facetFields == null ? List.of() : List.copyOf(facetFields);
    filters = filters == null ? List.of() : List.copyOf(filters);
    if (from < 0) {
      throw new IllegalArgumentException("from must not be negative");
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 0 and " + MAX_SIZE);
    }
    if (fromTime != null && toTime != null && fromTime > toTime) {
      throw new IllegalArgumentException("the time range ends before it starts");
    }
  }

  /** A request without filters (the form Metron's API had). */
  public SearchRequest(
      String query,
      List<String> indices,
      int from,
      int size,
      Long fromTime,
      Long toTime,
      List<SortField> sort,
      List<String> fields,
      List<String> facetFields) {
    this(query, indices, from, size, fromTime, toTime, sort, fields, facetFields, List.of());
  }

  /** All documents matching {@code query}, newest first, first {@code size}. */
  public static SearchRequest of(String query, int size) {
    return new SearchRequest(
        query, List.of(), 0, size, null, null, List.of(), List.of(), List.of(), List.of());
  }

  /** This request on the given sensors or index prefixes only. */
  public SearchRequest withIndices(List<String> newIndices) {
    return new SearchRequest(
        query, newIndices, from, size, fromTime, toTime, sort, fields, facetFields, filters);
  }

  /** This request with a different query. */
  public SearchRequest withQuery(String newQuery) {
    return new SearchRequest(
        newQuery, indices, from, size, fromTime, toTime, sort, fields, facetFields, filters);
  }

  /** This request for another page. */
  public SearchRequest withPage(int newFrom, int newSize) {
    return new SearchRequest(
        query, indices, newFrom, newSize, fromTime, toTime, sort, fields, facetFields, filters);
  }

  /** This request on {@code [newFrom, newTo)} (epoch ms; null for open). */
  public SearchRequest withTimeRange(Long newFrom, Long newTo) {
    return new SearchRequest(
        query, indices, from, size, newFrom, newTo, sort, fields, facetFields, filters);
  }

  /** This request sorted by {@code newSort}. */
  public SearchRequest withSort(List<SortField> newSort) {
    return new SearchRequest(
        query, indices, from, size, fromTime, toTime, newSort, fields, facetFields, filters);
  }

  /** This request returning only {@code newFields}. */
  public SearchRequest withFields(List<String> newFields) {
    return new SearchRequest(
        query, indices, from, size, fromTime, toTime, sort, newFields, facetFields, filters);
  }

  /** This request counting the values of {@code newFacets}. */
  public SearchRequest withFacets(List<String> newFacets) {
    return new SearchRequest(
        query, indices, from, size, fromTime, toTime, sort, fields, newFacets, filters);
  }

  /** This request with one more filter query. */
  public SearchRequest withFilter(String filter) {
    List<String> more = new ArrayList<>(filters);
    more.add(filter);
    return new SearchRequest(
        query, indices, from, size, fromTime, toTime, sort, fields, facetFields, more);
  }

  /**
   * A sort key. Missing values sort last in both directions; a field with several values sorts by
   * its smallest ascending and by its largest descending, as Elasticsearch did.
   */
  public record SortField(String field, boolean ascending) {
    /** Parses {@code field}, {@code field:asc} or {@code field:desc}. */
    public static SortField parse(String spec) {
      String s = spec.trim();
      int colon = s.lastIndexOf(':');
      if (colon > 0) {
        String dir = s.substring(colon + 1).toLowerCase(java.util.Locale.ROOT);
        if (dir.equals("asc") || dir.equals("desc")) {
          return new SortField(s.substring(0, colon), dir.equals("asc"));
        }
      }
      return new SortField(s, false);
    }
  }
}
