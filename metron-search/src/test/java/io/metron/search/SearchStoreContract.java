package io.metron.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.message.Message;
import io.metron.search.GroupResponse.GroupResult;
import io.metron.search.SearchRequest.SortField;
import io.metron.search.metaalert.MetaAlertCreateRequest;
import io.metron.search.metaalert.MetaAlertStatus;
import io.metron.search.metaalert.MetaAlerts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SearchStore} must have, run against each back end, so the back ends
 * cannot drift apart (Metron's Elasticsearch and Solr did). A subclass supplies an empty store.
 */
public abstract class SearchStoreContract {
  protected static final long DAY1 = 1_764_288_000_000L; // 2025-11-28T00:00:00Z
  protected static final long DAY2 = DAY1 + 86_400_000L;

  private SearchStore store;

  /** An empty store; the subclass closes it after the test. */
  protected abstract SearchStore emptyStore() throws Exception;

  @BeforeEach
  void fill() throws Exception {
    store = emptyStore();
    store.write(
        List.of(
            alert("a", "bro", DAY1 + 1000, "10.0.0.1", "192.168.1.1", 53, "dns", 10.0, 100L)
                .put("original_string", "dns query for example.com from 10.0.0.1"),
            alert("b", "bro", DAY1 + 2000, "10.0.0.2", "192.168.1.2", 443, "http", 50.0, 2000L)
                .put("original_string", "https connection to shop.example"),
            alert("c", "bro", DAY2 + 1000, "10.0.0.1", "192.168.1.3", 80, "http", 30.0, 300L)
                .put("original_string", "http get of index.html"),
            alert("d", "snort", DAY1 + 3000, "10.1.0.5", "192.168.1.1", 53, "dns", 70.0, null)
                .put("original_string", "snort alert: dns tunnel suspected"),
            alert("e", "snort", DAY2 + 2000, "172.16.0.9", "192.168.1.9", 22, "ssh", null, 50L)
                .put("original_string", "ssh brute force attempt")));
    store.commit();
  }

  protected static Message alert(
      String guid,
      String sensor,
      long ts,
      String src,
      String dst,
      long port,
      String protocol,
      Double score,
      Long bytes) {
    Message m =
        Message.empty()
            .put("guid", guid)
            .put("source.type", sensor)
            .put("timestamp", ts)
            .put("ip_src_addr", src)
            .put("ip_dst_addr", dst)
            .put("ip_dst_port", port)
            .put("protocol", protocol)
            .put("is_alert", "true");
    if (score != null) {
      m.put("threat.triage.score", score);
    }
    if (bytes != null) {
      m.put("bytes", bytes);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  private List<String> guids(SearchRequest request) throws SearchException {
    return guids(store.search(request));
  }

  private static List<String> guids(SearchResponse response) {
    return response.hits().stream().map(SearchResponse.SearchHit::id).toList();
  }

  @Test
  void findsByKeywordNumberAddressTextAndRange() throws Exception {
    assertThat(guids(SearchRequest.of("protocol:http", 10))).containsExactly("c", "b");
    assertThat(guids(SearchRequest.of("ip_dst_port:53", 10))).containsExactlyInAnyOrder("a", "d");
    assertThat(guids(SearchRequest.of("ip_dst_port:[80 TO 443]", 10)))
        .containsExactlyInAnyOrder("b", "c");
    assertThat(guids(SearchRequest.of("ip_dst_port:{53 TO 443}", 10))).containsExactly("c");
    assertThat(guids(SearchRequest.of("ip_src_addr:10.0.0.1", 10))).containsExactly("c", "a");
    assertThat(guids(SearchRequest.of("ip_src_addr:\"10.0.0.0/16\"", 10)))
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(guids(SearchRequest.of("ip_src_addr:[10.0.0.2 TO 10.255.255.255]", 10)))
        .containsExactlyInAnyOrder("b", "d");
    assertThat(guids(SearchRequest.of("threat.triage.score:[40 TO *]", 10)))
        .containsExactlyInAnyOrder("b", "d");
    assertThat(guids(SearchRequest.of("dns AND tunnel", 10))).containsExactly("d");
    assertThat(guids(SearchRequest.of("\"brute force\"", 10))).containsExactly("e");
    assertThat(guids(SearchRequest.of("protocol:dns AND NOT source.type:snort", 10)))
        .containsExactly("a");
    assertThat(guids(SearchRequest.of("protocol:h*", 10))).containsExactly("c", "b");
    assertThat(guids(SearchRequest.of("_exists_:bytes AND protocol:dns", 10))).containsExactly("a");
    assertThat(store.search(SearchRequest.of("*", 2)).total()).isEqualTo(5);
    assertThat(store.search(SearchRequest.of("*", 2)).hits()).hasSize(2);
    assertThat(store.search(SearchRequest.of("protocol:ftp", 10)).total()).isZero();
  }

  @Test
  void sensorsTimeRangesAndFiltersNarrowTheSearch() throws Exception {
    SearchRequest all = SearchRequest.of("*", 10);
    assertThat(guids(all.withIndices(List.of("snort")))).containsExactly("e", "d");
    assertThat(guids(all.withIndices(List.of("bro_index_2025.11.29")))).containsExactly("c");
    assertThat(guids(all.withTimeRange(DAY1, DAY2))).containsExactly("d", "b", "a");
    assertThat(guids(all.withTimeRange(DAY1 + 2000, DAY1 + 3000))).containsExactly("b");
    assertThat(guids(all.withTimeRange(DAY2, null))).containsExactly("e", "c");
    assertThat(guids(all.withFilter("protocol:dns").withFilter("source.type:bro")))
        .containsExactly("a");
  }

  @Test
  void sortsOnAnyFieldWithMissingValuesLast() throws Exception {
    SearchRequest all = SearchRequest.of("*", 10);
    assertThat(guids(all.withSort(List.of(new SortField("threat.triage.score", false)))))
        .containsExactly("d", "b", "c", "a", "e");
    assertThat(guids(all.withSort(List.of(new SortField("threat.triage.score", true)))))
        .containsExactly("a", "c", "b", "d", "e");
    assertThat(guids(all.withSort(List.of(new SortField("bytes", true)))))
        .containsExactly("e", "a", "c", "b", "d");
    assertThat(guids(all.withSort(List.of(new SortField("ip_dst_port", true)))))
        .containsExactly("e", "d", "a", "c", "b");
    assertThat(guids(all.withSort(List.of(new SortField("ip_src_addr", true)))))
        .containsExactly("c", "a", "b", "d", "e");
    assertThat(
            guids(
                all.withSort(
                    List.of(new SortField("protocol", true), new SortField("timestamp", true)))))
        .containsExactly("a", "d", "b", "c", "e");
    assertThat(guids(all.withSort(List.of(new SortField("timestamp", true)))))
        .containsExactly("a", "b", "d", "c", "e");
  }

  @Test
  void pagesAndReturnsOnlyTheRequestedFields() throws Exception {
    SearchRequest byTime =
        SearchRequest.of("*", 2).withSort(List.of(new SortField("timestamp", true)));
    assertThat(guids(byTime)).containsExactly("a", "b");
    assertThat(guids(byTime.withPage(2, 2))).containsExactly("d", "c");
    assertThat(guids(byTime.withPage(4, 2))).containsExactly("e");
    SearchResponse page = store.search(byTime.withPage(10, 2));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.hits()).isEmpty();

    SearchResponse some =
        store.search(
            SearchRequest.of("guid:a", 1).withFields(List.of("ip_src_addr", "ip_dst_port")));
    assertThat(some.hits().getFirst().source())
        .isEqualTo(Map.of("ip_src_addr", "10.0.0.1", "ip_dst_port", 53L));
    assertThat(some.hits().getFirst().index()).isEqualTo("bro_index_2025.11.28");
    assertThat(some.hits().getFirst().id()).isEqualTo("a");
  }

  @Test
  void countsFacetValuesMostFrequentFirst() throws Exception {
    SearchResponse response =
        store.search(
            SearchRequest.of("*", 0)
                .withFacets(
                    List.of("source.type", "protocol", "ip_dst_port", "ip_src_addr", "bytes")));
    assertThat(response.hits()).isEmpty();
    Map<String, Map<String, Long>> facets = response.facetCounts();
    assertThat(facets.get("source.type"))
        .containsExactly(Map.entry("bro", 3L), Map.entry("snort", 2L));
    assertThat(facets.get("protocol"))
        .containsExactly(Map.entry("dns", 2L), Map.entry("http", 2L), Map.entry("ssh", 1L));
    assertThat(facets.get("ip_dst_port"))
        .containsEntry("53", 2L)
        .containsEntry("443", 1L)
        .hasSize(4);
    assertThat(facets.get("ip_src_addr")).containsEntry("10.0.0.1", 2L).hasSize(4);
    assertThat(facets.get("bytes")).hasSize(4);
    SearchResponse dns =
        store.search(SearchRequest.of("protocol:dns", 0).withFacets(List.of("source.type")));
    assertThat(dns.facetCounts().get("source.type"))
        .containsExactly(Map.entry("bro", 1L), Map.entry("snort", 1L));
  }

  @Test
  void groupsNestedFieldsWithCountsAndScoreSums() throws Exception {
    GroupResponse response =
        store.group(GroupRequest.of("*", "threat.triage.score", "source.type", "protocol"));
    assertThat(response.groupedBy()).isEqualTo("source.type");
    List<GroupResult> sensors = response.groupResults();
    assertThat(sensors).extracting(GroupResult::key).containsExactly("bro", "snort");
    GroupResult bro = sensors.get(0);
    assertThat(bro.total()).isEqualTo(3);
    assertThat(bro.score()).isEqualTo(90.0);
    assertThat(bro.groupedBy()).isEqualTo("protocol");
    assertThat(bro.groupResults()).extracting(GroupResult::key).containsExactly("http", "dns");
    assertThat(bro.groupResults().get(0).total()).isEqualTo(2);
    assertThat(bro.groupResults().get(0).score()).isEqualTo(80.0);
    assertThat(bro.groupResults().get(0).groupResults()).isEmpty();
    GroupResult snort = sensors.get(1);
    assertThat(snort.score()).isEqualTo(70.0);
    assertThat(snort.groupResults()).extracting(GroupResult::key).containsExactly("dns", "ssh");

    GroupResponse byTerm =
        store.group(
            new GroupRequest(
                "protocol:dns OR protocol:ssh",
                List.of(),
                null,
                List.of(new GroupRequest.Group("protocol", GroupRequest.Order.TERM, false)),
                null,
                null));
    assertThat(byTerm.groupResults()).extracting(GroupResult::key).containsExactly("ssh", "dns");
    assertThat(byTerm.groupResults()).extracting(GroupResult::score).containsOnly(0.0);
  }

  @Test
  void getsTheLatestVersionByGuid() throws Exception {
    IndexedDocument d = store.getLatest(new GetRequest("d", "snort")).orElseThrow();
    assertThat(d.guid()).isEqualTo("d");
    assertThat(d.sensorType()).isEqualTo("snort");
    assertThat(d.timestamp()).isEqualTo(DAY1 + 3000);
    assertThat(d.index()).isEqualTo("snort_index_2025.11.28");
    assertThat(d.fields()).containsEntry("ip_src_addr", "10.1.0.5");
    assertThat(store.getLatest(new GetRequest("d", null))).isPresent();
    assertThat(store.getLatest(new GetRequest("d", "bro"))).isEmpty();
    assertThat(store.getLatest(new GetRequest("nope", null))).isEmpty();
    assertThat(
            store.getAllLatest(
                List.of(
                    new GetRequest("a", "bro"),
                    new GetRequest("nope", null),
                    new GetRequest("e", "snort"))))
        .extracting(IndexedDocument::guid)
        .containsExactly("a", "e");
  }

  @Test
  void writingTheSameGuidAgainReplacesIt() throws Exception {
    store.write(
        List.of(alert("a", "bro", DAY1 + 1000, "10.0.0.9", "192.168.1.1", 53, "dns", 10.0, 1L)));
    store.commit();
    assertThat(store.search(SearchRequest.of("*", 10)).total()).isEqualTo(5);
    assertThat(guids(SearchRequest.of("ip_src_addr:10.0.0.9", 10))).containsExactly("a");
    assertThat(guids(SearchRequest.of("ip_src_addr:10.0.0.1", 10))).containsExactly("c");
  }

  @Test
  void replacesAndPatchesStoredDocuments() throws Exception {
    Message replacement = store.require(new GetRequest("b", "bro")).toMessage();
    replacement.put("protocol", "https").put("note", "checked");
    store.replace(replacement);
    assertThat(guids(SearchRequest.of("protocol:https", 10))).containsExactly("b");
    assertThat(store.search(SearchRequest.of("*", 0)).total()).isEqualTo(5);

    IndexedDocument patched =
        store.patch(PatchRequest.set("b", "bro", "alert_status", AlertStatus.OPEN.name()));
    assertThat(patched.fields())
        .containsEntry("alert_status", "OPEN")
        .containsEntry("note", "checked");
    assertThat(guids(SearchRequest.of("alert_status:OPEN", 10))).containsExactly("b");
    store.patch(
        new PatchRequest(
            "b",
            null,
            List.of(
                Map.of("op", "remove", "path", "/note"),
                Map.of("op", "replace", "path", "/ip_dst_port", "value", 8443))));
    IndexedDocument b = store.require(new GetRequest("b", "bro"));
    assertThat(b.fields()).doesNotContainKey("note").containsEntry("ip_dst_port", 8443L);
    assertThat(b.index()).isEqualTo("bro_index_2025.11.28");
    assertThat(guids(SearchRequest.of("ip_dst_port:8443", 10))).containsExactly("b");

    assertThatThrownBy(
            () ->
                store.patch(
                    new PatchRequest(
                        "b", null, List.of(Map.of("op", "remove", "path", "/missing")))))
        .isInstanceOf(SearchException.class)
        .hasMessageContaining("no such path: /missing");
    assertThatThrownBy(() -> store.patch(PatchRequest.set("nope", null, "x", 1)))
        .isInstanceOf(SearchException.class)
        .hasMessage("no document with guid nope");
    assertThatThrownBy(() -> store.patch(PatchRequest.set("b", null, "guid", "z")))
        .isInstanceOf(SearchException.class)
        .hasMessageContaining("the guid cannot change");
  }

  @Test
  void addsAndRemovesComments() throws Exception {
    store.addComment(new CommentRequest("c", "bro", "looks benign", "alice", 1000L));
    store.addComment(new CommentRequest("c", "bro", "escalating", "bob", 2000L));
    List<?> comments = (List<?>) store.require(new GetRequest("c", "bro")).fields().get("comments");
    assertThat(comments).hasSize(2);
    assertThat(asMap(comments.getFirst()))
        .containsEntry("comment", "looks benign")
        .containsEntry("username", "alice");
    store.removeComment(new CommentRequest("c", "bro", "looks benign", "alice", 1000L));
    comments = (List<?>) store.require(new GetRequest("c", "bro")).fields().get("comments");
    assertThat(comments).hasSize(1);
    assertThat(asMap(comments.getFirst())).containsEntry("username", "bob");
  }

  @Test
  void reportsColumnTypes() throws Exception {
    Map<String, ColumnType> columns = store.columnMetadata(List.of());
    assertThat(columns)
        .containsEntry("guid", ColumnType.KEYWORD)
        .containsEntry("source.type", ColumnType.KEYWORD)
        .containsEntry("protocol", ColumnType.KEYWORD)
        .containsEntry("ip_src_addr", ColumnType.IP)
        .containsEntry("ip_dst_port", ColumnType.LONG)
        .containsEntry("threat.triage.score", ColumnType.DOUBLE)
        .containsEntry("timestamp", ColumnType.DATE)
        .containsEntry("original_string", ColumnType.TEXT);
    Map<String, ColumnType> snort = store.columnMetadata(List.of("snort"));
    assertThat(snort).containsKey("bytes").containsKey("threat.triage.score");
  }

  @Test
  void aMalformedQuerySaysWhatIsWrong() {
    assertThatThrownBy(() -> store.search(SearchRequest.of("ip_src_addr:(10.0.0.1", 10)))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("invalid query 'ip_src_addr:(10.0.0.1'");
    assertThatThrownBy(() -> store.search(SearchRequest.of("ip_dst_port:[a TO 5]", 10)))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("invalid query 'ip_dst_port:[a TO 5]'");
    assertThatThrownBy(() -> store.search(SearchRequest.of("*", 10).withFilter("protocol:(")))
        .isInstanceOf(SearchException.class)
        .hasMessageStartingWith("invalid query 'protocol:('");
  }

  @Test
  void metaAlertsStandInForTheirAlerts() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(DAY2 + 5000), ZoneOffset.UTC);
    MetaAlerts metas =
        new MetaAlerts(store, clock, io.metron.search.metaalert.ScoreAggregation.SUM);
    IndexedDocument meta =
        metas.create(
            new MetaAlertCreateRequest(
                List.of(new GetRequest("a", "bro"), new GetRequest("d", "snort")),
                List.of("192.168.1.1")));
    String id = meta.guid();
    assertThat(meta.sensorType()).isEqualTo("metaalert");
    assertThat(meta.fields())
        .containsEntry("status", "active")
        .containsEntry("threat.triage.score", 80.0)
        .containsEntry("max", 70.0)
        .containsEntry("min", 10.0)
        .containsEntry("average", 40.0)
        .containsEntry("median", 40.0)
        .containsEntry("count", 2L);
    assertThat(store.require(new GetRequest("a", "bro")).fields().get("metaalerts"))
        .isEqualTo(List.of(id));

    // The meta-alert replaces its alerts in searches, matched through them.
    assertThat(guids(metas.search(SearchRequest.of("*", 10))))
        .containsExactlyInAnyOrder(id, "b", "c", "e");
    assertThat(guids(metas.search(SearchRequest.of("protocol:dns", 10)))).containsExactly(id);
    assertThat(guids(metas.search(SearchRequest.of("protocol:http", 10))))
        .containsExactlyInAnyOrder("b", "c");
    assertThat(
            guids(
                metas.search(
                    SearchRequest.of("*", 10)
                        .withSort(List.of(new SortField("threat.triage.score", false))))))
        .containsExactly(id, "b", "c", "e");
    assertThat(guids(metas.search(SearchRequest.of("dns", 10).withTimeRange(DAY1, DAY2))))
        .containsExactly(id);
    assertThat(guids(metas.metaAlertsFor("d"))).containsExactly(id);

    // Adding and removing alerts rescore it and relink them.
    metas.addAlerts(id, List.of(new GetRequest("b", "bro")));
    assertThat(store.require(new GetRequest(id, "metaalert")).fields())
        .containsEntry("threat.triage.score", 130.0)
        .containsEntry("count", 3L);
    assertThat(guids(metas.search(SearchRequest.of("protocol:http", 10))))
        .containsExactlyInAnyOrder(id, "c");
    metas.removeAlerts(id, List.of(new GetRequest("a", "bro")));
    assertThat(store.require(new GetRequest(id, "metaalert")).fields())
        .containsEntry("threat.triage.score", 120.0)
        .containsEntry("median", 60.0);
    assertThat(store.require(new GetRequest("a", "bro")).fields()).doesNotContainKey("metaalerts");
    assertThatThrownBy(
            () ->
                metas.removeAlerts(
                    id, List.of(new GetRequest("b", "bro"), new GetRequest("d", "snort"))))
        .isInstanceOf(SearchException.class)
        .hasMessageContaining("empty");

    // A change to an alert reaches the copy inside the meta-alert; the meta-alert's own
    // membership cannot be patched.
    metas.patch(PatchRequest.set("d", "snort", "alert_status", "ESCALATE"));
    List<?> children =
        (List<?>) store.require(new GetRequest(id, null)).fields().get("metron_alert");
    assertThat(children)
        .anySatisfy(
            c ->
                assertThat(asMap(c))
                    .containsEntry("guid", "d")
                    .containsEntry("alert_status", "ESCALATE"));
    assertThatThrownBy(() -> metas.patch(PatchRequest.set(id, null, "status", "inactive")))
        .isInstanceOf(SearchException.class)
        .hasMessageContaining("use the meta-alert operations");

    // Inactive: its alerts are back on their own.
    metas.updateStatus(id, MetaAlertStatus.INACTIVE);
    assertThat(guids(metas.search(SearchRequest.of("*", 10))))
        .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    metas.updateStatus(id, MetaAlertStatus.ACTIVE);
    assertThat(guids(metas.search(SearchRequest.of("*", 10))))
        .containsExactlyInAnyOrder(id, "a", "c", "e");
  }
}
