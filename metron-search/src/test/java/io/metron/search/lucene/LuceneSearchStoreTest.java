package io.metron.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.message.Message;
import io.metron.search.Incoming;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchStoreTest {
  @TempDir Path root;

  private static final long DAY1 = 1_764_288_000_000L; // 2025-11-28T00:00:00Z

  private static Message event(String guid, String src, long port, long ts, String sensor) {
    return Message.empty()
        .put("guid", guid)
        .put("source.type", sensor)
        .put("timestamp", ts)
        .put("ip_src_addr", src)
        .put("ip_dst_port", port)
        .put("original_string", "connection from " + src + " to port " + port);
  }

  @Test
  void findsByExactAddressNumberAndTextAcrossDailyIndices() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(
          List.of(
              event("a", "10.0.0.1", 53, DAY1 + 1000, "bro"),
              event("b", "10.0.0.2", 443, DAY1 + 2000, "bro"),
              event("c", "10.0.0.1", 80, DAY1 + 86_400_000L, "bro"),
              event("d", "10.0.0.10", 53, DAY1 + 3000, "snort")));
      store.commit();

      assertThat(Files.isDirectory(root.resolve("bro_index_2025.11.28"))).isTrue();
      assertThat(Files.isDirectory(root.resolve("bro_index_2025.11.29"))).isTrue();
      assertThat(guids(store.search(SearchRequest.of("ip_src_addr:10.0.0.1", 10))))
          .containsExactly("c", "a");
      assertThat(guids(store.search(SearchRequest.of("ip_dst_port:53", 10))))
          .containsExactlyInAnyOrder("a", "d");
      assertThat(guids(store.search(SearchRequest.of("ip_dst_port:[80 TO 443]", 10))))
          .containsExactlyInAnyOrder("b", "c");
      assertThat(guids(store.search(SearchRequest.of("port AND 443", 10)))).containsExactly("b");
      assertThat(store.search(SearchRequest.of("*", 2)).total()).isEqualTo(4);
      assertThat(store.search(SearchRequest.of("*", 2)).hits()).hasSize(2);
      SearchRequest onlySnort =
          new SearchRequest(
              "*", List.of("snort"), 0, 10, null, null, List.of(), List.of(), List.of());
      assertThat(guids(store.search(onlySnort))).containsExactly("d");
      SearchRequest firstDay =
          new SearchRequest(
              "*", List.of(), 0, 10, DAY1, DAY1 + 86_400_000L, List.of(), List.of(), List.of());
      assertThat(store.search(firstDay).total()).isEqualTo(3);
    }
  }

  @Test
  void appendedPositionsSurviveAReopenAndSourceBytesAreKeptAsTheyCame() throws Exception {
    byte[] source =
        "{\"guid\":\"n1\",\"source.type\":\"bro\",\"timestamp\":1764288000000}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      assertThat(store.storedPositions()).contains(java.util.Map.of());
      store.append(
          null,
          List.of(
              new Incoming(
                  io.metron.core.message.MessageCodec.read(source), source, "indexing-0", 7, true),
              new Incoming(event("n2", "10.0.0.1", 53, DAY1, "snort"), null, "indexing-1", 3, true),
              new Incoming(event("n3", "10.0.0.1", 53, DAY1, "bro"), null, "indexing-0", 8, true)));
      store.commit();
    }
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      assertThat(store.storedPositions())
          .contains(java.util.Map.of("indexing-0", 9L, "indexing-1", 4L));
      // a replay of indexing-0 from offset 7 replaces (not new); later records are added
      store.append(
          null,
          List.of(
              new Incoming(event("n1", "10.0.0.5", 53, DAY1, "bro"), null, "indexing-0", 7, false),
              new Incoming(event("n4", "10.0.0.1", 53, DAY1, "bro"), null, "indexing-0", 9, true)));
      store.commit();
      assertThat(guids(store.search(SearchRequest.of("*", 10))))
          .containsExactlyInAnyOrder("n1", "n2", "n3", "n4");
      assertThat(guids(store.search(SearchRequest.of("ip_src_addr:10.0.0.5", 10))))
          .containsExactly("n1");
      assertThat(store.storedPositions())
          .contains(java.util.Map.of("indexing-0", 10L, "indexing-1", 4L));
    }
  }

  @Test
  void aDocumentCommittedOnCloseIsCommittedWithItsPosition() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.append(
          null,
          List.of(
              new Incoming(event("u1", "10.0.0.1", 53, DAY1, "bro"), null, "indexing-0", 0, true)));
      // closed without a commit: closing commits, and must commit the position with the document
    }
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      assertThat(store.search(SearchRequest.of("*", 0)).total()).isEqualTo(1);
      assertThat(store.storedPositions()).contains(java.util.Map.of("indexing-0", 1L));
    }
  }

  @Test
  void writingTheSameGuidTwiceKeepsOneDocument() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro")));
      store.commit();
      store.write(List.of(event("a", "10.0.0.9", 53, DAY1, "bro")));
      store.commit();
      SearchResponse all = store.search(SearchRequest.of("*", 10));
      assertThat(all.total()).isEqualTo(1);
      assertThat(all.hits().getFirst().source()).containsEntry("ip_src_addr", "10.0.0.9");
      assertThat(all.hits().getFirst().index()).isEqualTo("bro_index_2025.11.28");
    }
  }

  @Test
  void aReadOnlyStoreSeesWhatTheWriterCommitted() throws Exception {
    try (LuceneSearchStore writer = LuceneSearchStore.open(root)) {
      writer.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro")));
      writer.commit();
      writer.write(List.of(event("b", "10.0.0.1", 54, DAY1, "bro")));
      try (LuceneSearchStore reader = LuceneSearchStore.openReadOnly(root)) {
        assertThat(guids(reader.search(SearchRequest.of("ip_src_addr:10.0.0.1", 10))))
            .containsExactly("a");
        assertThat(guids(reader.search(SearchRequest.of("ip_dst_port:53", 10))))
            .containsExactly("a");
      }
    }
  }

  @Test
  void aMalformedQuerySaysWhatIsWrong() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro")));
      assertThatThrownBy(() -> store.search(SearchRequest.of("ip_src_addr:(10.0.0.1", 10)))
          .isInstanceOf(SearchException.class)
          .hasMessageStartingWith("invalid query 'ip_src_addr:(10.0.0.1'");
      assertThatThrownBy(() -> store.search(SearchRequest.of("ip_dst_port:[a TO 5]", 10)))
          .isInstanceOf(SearchException.class)
          .hasMessageContaining("'a' is not a whole number, but ip_dst_port holds numbers");
    }
  }

  @Test
  void anEmptyStoreFindsNothing() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.openReadOnly(root.resolve("none"))) {
      assertThat(store.search(SearchRequest.of("*", 10)).total()).isZero();
    }
  }

  @Test
  void aWriteIsSearchableInTheWritingProcessWithoutACommit() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro")));
      long total = 0;
      for (int i = 0; i < 100 && total == 0; i++) {
        Thread.sleep(50);
        total = store.search(SearchRequest.of("ip_src_addr:10.0.0.1", 10)).total();
      }
      assertThat(total).isEqualTo(1);
      try (LuceneSearchStore reader = LuceneSearchStore.openReadOnly(root)) {
        assertThat(reader.search(SearchRequest.of("*", 10)).total()).isZero();
        store.commit();
        long seen = 0;
        for (int i = 0; i < 100 && seen == 0; i++) {
          Thread.sleep(50);
          seen = reader.search(SearchRequest.of("*", 10)).total();
        }
        assertThat(seen).isEqualTo(1);
      }
    }
  }

  @Test
  void retentionDeletesWholeDaysByAgeThenBySize() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      for (int day = 0; day < 5; day++) {
        store.write(
            List.of(
                event("b" + day, "10.0.0.1", 53, DAY1 + day * 86_400_000L, "bro"),
                event("s" + day, "10.0.0.2", 53, DAY1 + day * 86_400_000L, "snort")));
      }
      store.commit();
      java.time.Instant now = java.time.Instant.ofEpochMilli(DAY1 + 4 * 86_400_000L + 3600_000L);
      List<String> old =
          store.applyRetention(new RetentionPolicy(java.time.Duration.ofDays(2), 0), now);
      assertThat(old)
          .containsExactlyInAnyOrder(
              "bro_index_2025.11.28", "snort_index_2025.11.28",
              "bro_index_2025.11.29", "snort_index_2025.11.29");
      assertThat(Files.exists(root.resolve("bro_index_2025.11.28"))).isFalse();
      assertThat(store.search(SearchRequest.of("*", 10)).total()).isEqualTo(6);

      List<String> big = store.applyRetention(new RetentionPolicy(null, 1), now);
      assertThat(big)
          .containsExactlyInAnyOrder(
              "bro_index_2025.11.30", "snort_index_2025.11.30",
              "bro_index_2025.12.01", "snort_index_2025.12.01");
      assertThat(guids(store.search(SearchRequest.of("*", 10))))
          .containsExactlyInAnyOrder("b4", "s4");
      store.write(List.of(event("b0", "10.0.0.1", 53, DAY1, "bro")));
      store.commit();
      assertThat(store.search(SearchRequest.of("*", 10)).total()).isEqualTo(3);
    }
  }

  @Test
  void theOverrideFileDecidesAFieldsType() throws Exception {
    Files.writeString(
        root.resolve(io.metron.search.FieldTyping.OVERRIDE_FILE),
        "{\"ip_dst_port\": \"keyword\", \"host\": \"ip\"}");
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro").put("host", "192.168.0.7")));
      store.commit();
      assertThat(guids(store.search(SearchRequest.of("ip_dst_port:53", 10)))).containsExactly("a");
      assertThat(guids(store.search(SearchRequest.of("ip_dst_port:5*", 10)))).containsExactly("a");
      assertThat(guids(store.search(SearchRequest.of("host:\"192.168.0.0/24\"", 10))))
          .containsExactly("a");
      assertThat(store.columnMetadata(List.of()))
          .containsEntry("ip_dst_port", io.metron.search.ColumnType.KEYWORD)
          .containsEntry("host", io.metron.search.ColumnType.IP);
    }
    Files.writeString(
        root.resolve(io.metron.search.FieldTyping.OVERRIDE_FILE), "{\"port\": \"number\"}");
    assertThatThrownBy(() -> LuceneSearchStore.open(root))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("$.port: unknown field type 'number'");
  }

  @Test
  void dedottedFieldNamesFromElasticsearchQueriesStillWork() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(root)) {
      store.write(List.of(event("a", "10.0.0.1", 53, DAY1, "bro")));
      store.commit();
      assertThat(guids(store.search(SearchRequest.of("source\\:type:bro", 10))))
          .containsExactly("a");
    }
  }

  private static List<String> guids(SearchResponse response) {
    return response.hits().stream().map(SearchResponse.SearchHit::id).toList();
  }
}
