package io.metron.server.routes;

import io.metron.search.ColumnType;
import io.metron.search.GetRequest;
import io.metron.search.GroupRequest;
import io.metron.search.GroupResponse;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchStore;
import io.metron.search.metaalert.MetaAlerts;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Routes;
import io.metron.server.routes.Wire.DocumentView;
import io.metron.server.routes.Wire.GetBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Metron's SearchController: search, group, findOne, column metadata. */
public final class SearchRoutes {
  /** Metron's {@code search.max.results}. */
  public static final int MAX_RESULTS = 1000;

  /** Metron's {@code SortField}. */
  public record SortSpec(String field, String sortOrder) {}

  /** Metron's {@code SearchRequest}. */
  public record SearchBody(
      List<String> indices,
      String query,
      Integer from,
      Integer size,
      List<SortSpec> sort,
      List<String> fields,
      List<String> facetFields) {}

  /** Metron's {@code SearchResult}. */
  public record Result(String id, Map<String, Object> source, float score, String index) {}

  /** Metron's {@code SearchResponse}. */
  public record SearchAnswer(
      long total, List<Result> results, Map<String, Map<String, Long>> facetCounts) {
    static SearchAnswer of(SearchResponse r) {
      List<Result> results = new ArrayList<>();
      for (SearchResponse.SearchHit h : r.hits()) {
        results.add(new Result(h.id(), h.source(), 0f, h.index()));
      }
      return new SearchAnswer(r.total(), results, r.facetCounts());
    }
  }

  /** Metron's {@code GroupOrder}. */
  public record GroupOrderSpec(String groupOrderType, String sortOrder) {}

  /** Metron's {@code Group}. */
  public record GroupSpec(String field, GroupOrderSpec order) {}

  /** Metron's {@code GroupRequest}. */
  public record GroupBody(
      List<String> indices, String query, String scoreField, List<GroupSpec> groups) {}

  private SearchRoutes() {}

  public static void declare(Routes routes, SearchStore store, MetaAlerts metas) {
    routes
        .group("Search")
        .post(
            "/search/search",
            Access.USER,
            "Searches the indexing store (active meta-alerts stand in for their alerts)",
            SearchBody.class,
            SearchAnswer.class,
            call -> SearchAnswer.of(metas.search(toRequest(call.body()))))
        .post(
            "/search/group",
            Access.USER,
            "Searches the indexing store and returns field groups, nested in the order given",
            GroupBody.class,
            GroupResponse.class,
            call -> store.group(toRequest(call.body())))
        .post(
            "/search/findOne",
            Access.USER,
            "Returns the latest document for a guid and sensor",
            GetBody.class,
            DocumentView.class,
            call -> {
              GetRequest get = call.body().toRequest("");
              return DocumentView.of(
                  store
                      .getLatest(get)
                      .orElseThrow(
                          () -> ApiException.notFound("no document with guid " + get.guid())));
            })
        .post(
            "/search/column/metadata",
            Access.USER,
            "Field names and types for a list of sensors or indices (all when empty)",
            String[].class,
            Map.class,
            call -> {
              Map<String, String> types = new LinkedHashMap<>();
              for (Map.Entry<String, ColumnType> e :
                  store.columnMetadata(List.of(call.body())).entrySet()) {
                types.put(e.getKey(), e.getValue().metronName());
              }
              return types;
            });
  }

  static SearchRequest toRequest(SearchBody b) {
    int size = b.size() == null ? 10 : b.size();
    int from = b.from() == null ? 0 : b.from();
    if (size < 0 || size > MAX_RESULTS) {
      throw ApiException.badRequest(
          "field 'size' must be between 0 and " + MAX_RESULTS + ", not " + size, "size");
    }
    if (from < 0) {
      throw ApiException.badRequest("field 'from' must not be negative", "from");
    }
    List<SearchRequest.SortField> sort = new ArrayList<>();
    if (b.sort() != null) {
      for (int i = 0; i < b.sort().size(); i++) {
        SortSpec s = b.sort().get(i);
        String at = "sort[" + i + "]";
        if (s == null) {
          throw ApiException.badRequest("field '" + at + "' must be an object", at);
        }
        Wire.required(s.field(), at + ".field");
        sort.add(
            new SearchRequest.SortField(s.field(), ascending(s.sortOrder(), at + ".sortOrder")));
      }
    }
    return new SearchRequest(
        b.query(), b.indices(), from, size, null, null, sort, b.fields(), b.facetFields());
  }

  static GroupRequest toRequest(GroupBody b) {
    Wire.requiredList(b.groups(), "groups");
    List<GroupRequest.Group> groups = new ArrayList<>();
    for (int i = 0; i < b.groups().size(); i++) {
      GroupSpec g = b.groups().get(i);
      String at = "groups[" + i + "]";
      if (g == null) {
        throw ApiException.badRequest("field '" + at + "' must be an object", at);
      }
      Wire.required(g.field(), at + ".field");
      GroupRequest.Order order = GroupRequest.Order.TERM;
      boolean asc = false;
      if (g.order() != null) {
        if (g.order().groupOrderType() != null) {
          try {
            order = GroupRequest.Order.valueOf(g.order().groupOrderType().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                "field '" + at + ".order.groupOrderType' must be TERM or COUNT",
                at + ".order.groupOrderType");
          }
        }
        asc = ascending(g.order().sortOrder(), at + ".order.sortOrder");
      }
      groups.add(new GroupRequest.Group(g.field(), order, asc));
    }
    return new GroupRequest(b.query(), b.indices(), b.scoreField(), groups, null, null);
  }

  private static boolean ascending(String sortOrder, String field) {
    if (sortOrder == null || sortOrder.equalsIgnoreCase("desc")) {
      return false;
    }
    if (sortOrder.equalsIgnoreCase("asc")) {
      return true;
    }
    throw ApiException.badRequest(
        "field '" + field + "' must be asc or desc, not \"" + sortOrder + "\"", field);
  }
}
