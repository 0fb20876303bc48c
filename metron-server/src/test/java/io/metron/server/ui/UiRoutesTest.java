package io.metron.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.message.Message;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.server.api.ApiException;
import io.metron.server.ui.UiRoutes.HistogramBody;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiRoutesTest {
  private static final long T0 = 1_764_300_000_000L;
  private static final long MINUTE = 60_000;

  @TempDir Path dir;

  @Test
  void theHistogramCountsTheQuerysMatchesPerBucketOfTheRange() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(dir)) {
      List<Message> messages = new ArrayList<>();
      // Minute 0: 3 events, minute 1: none, minute 2: 2 events; one of each minute is DNS.
      long[] times = {T0, T0 + 10, T0 + 20, T0 + 2 * MINUTE, T0 + 2 * MINUTE + 5};
      for (int i = 0; i < times.length; i++) {
        messages.add(
            Message.of(
                Map.of(
                    "guid",
                    "g" + i,
                    "source.type",
                    "bro",
                    "timestamp",
                    times[i],
                    "ip_dst_port",
                    i == 0 || i == 3 ? 53 : 443)));
      }
      store.write(messages);
      store.commit();

      UiRoutes.Histogram all =
          UiRoutes.histogram(store, new HistogramBody("*", T0, T0 + 3 * MINUTE, 3));
      assertThat(all.interval()).isEqualTo(MINUTE);
      assertThat(all.counts()).containsExactly(3L, 0L, 2L);
      assertThat(
              UiRoutes.histogram(store, new HistogramBody("ip_dst_port:53", T0, T0 + 3 * MINUTE, 3))
                  .counts())
          .containsExactly(1L, 0L, 1L);
    }
  }

  @Test
  void aHistogramWithoutARangeOrWithTooManyBucketsIsRefusedNamingTheField() throws Exception {
    try (LuceneSearchStore store = LuceneSearchStore.open(dir)) {
      assertThatThrownBy(() -> UiRoutes.histogram(store, new HistogramBody("*", null, T0, 10)))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("fromTime");
      assertThatThrownBy(
              () -> UiRoutes.histogram(store, new HistogramBody("*", T0, T0 + 1000, 201)))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("between 1 and 200");
    }
  }
}
