package io.metron.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchRequest}: the total number of matches, the requested page of hits,
 * and value counts for each facet field (most frequent first, ties by value).
 */
public record SearchResponse(
    long total, List<SearchHit> hits, Map<String, Map<String, Long>> facetCounts) {

  /** One matching document with the index it lives in. */
  public record SearchHit(String id, String index, Map<String, Object> source) {}
}
