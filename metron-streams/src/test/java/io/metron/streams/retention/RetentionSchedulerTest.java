package io.metron.streams.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.GlobalConfig;
import io.metron.core.message.Message;
import io.metron.pcap.store.PacketStore;
import io.metron.pcap.store.StoreConfig;
import io.metron.pcap.store.StoreFile;
import io.metron.pipeline.profile.FileProfileStore;
import io.metron.pipeline.profile.ProfileMeasurement;
import io.metron.pipeline.profile.ProfilePeriod;
import io.metron.search.SearchRequest;
import io.metron.search.archive.ArchivePolicy;
import io.metron.search.archive.ArchiveWriter;
import io.metron.search.lucene.LuceneSearchStore;
import io.metron.streams.metrics.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retention pass, driven with the test's own clock, removes from the index, the archive, the
 * packet store and the profile store what is older than the global config keeps, and keeps what is
 * recent.
 */
class RetentionSchedulerTest {
  private static final long DAY = 86_400_000L;
  private static final long NOW = 1_764_331_200_000L; // 2025-11-28T12:00:00Z

  @TempDir Path data;

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    final AtomicLong millis = new AtomicLong();

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static Message event(String guid, long ts) {
    return Message.empty()
        .put("guid", guid)
        .put("source.type", "bro")
        .put("timestamp", ts)
        .put("ip_src_addr", "10.0.0.1")
        .put("original_string", "event " + guid);
  }

  /** An Ethernet + IPv4 + UDP frame from 10.0.0.1:1000 to 10.0.0.2:53, no payload. */
  private static byte[] udpFrame() {
    byte[] f = new byte[14 + 20 + 8];
    f[12] = 0x08; // IPv4
    f[14] = 0x45;
    f[17] = 28; // total length
    f[22] = 64; // TTL
    f[23] = 17; // UDP
    f[26] = 10;
    f[29] = 1;
    f[30] = 10;
    f[33] = 2;
    f[34] = 0x03;
    f[35] = (byte) 0xe8;
    f[37] = 53;
    f[39] = 8;
    return f;
  }

  private static void storePacket(Path root, TestClock clock, long atMillis) throws Exception {
    clock.millis.set(atMillis);
    try (PacketStore store = PacketStore.open(StoreConfig.defaults(root), clock)) {
      store.append(0, atMillis * 1_000_000L, udpFrame());
    }
  }

  private static List<String> files(Path dir, String suffix) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().endsWith(suffix))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void aScheduledPassRemovesOldDataAndKeepsRecentData() throws Exception {
    TestClock clock = new TestClock();
    clock.millis.set(NOW);
    Metrics metrics = new Metrics();
    Map<String, Object> global = new HashMap<>();
    global.put(RetentionSettings.INDEX_DAYS, 30);
    global.put(RetentionSettings.ARCHIVE_DAYS, "90");
    global.put(RetentionSettings.PCAP_DAYS, 7);

    // the index: a day 40 days back and today
    try (LuceneSearchStore index = LuceneSearchStore.open(data.resolve("index"))) {
      index.write(List.of(event("old", NOW - 40 * DAY), event("new", NOW - 3600_000L)));
      index.commit();
      // the archive: events of 100 days ago and of today, each day its own sealed file
      try (ArchiveWriter archive =
          ArchiveWriter.open(data.resolve("archive"), ArchivePolicy.DEFAULT, clock)) {
        archive.write(List.of(event("old", NOW - 100 * DAY), event("new", NOW)));
      }
      // the packet store: a file of packets from 10 days ago and one from now
      storePacket(data.resolve("pcap"), clock, NOW - 10 * DAY);
      storePacket(data.resolve("pcap"), clock, NOW);
      // the profile store: written 2 days ago with expires 1 day, and now with expires 30
      FileProfileStore profiles = new FileProfileStore(data.resolve("profiles"), clock);
      clock.millis.set(NOW - 2 * DAY);
      profiles.write(List.of(measurement("a", 1, 1L)));
      clock.millis.set(NOW);
      profiles.write(List.of(measurement("a", 2, 30L)));
      assertThat(files(data.resolve("archive"), ".json.gz")).hasSize(2);
      assertThat(StoreFile.list(data.resolve("pcap"))).hasSize(2);

      RetentionScheduler scheduler =
          new RetentionScheduler(
              data, index, profiles, () -> new GlobalConfig(Map.copyOf(global)), clock, metrics);
      List<RetentionScheduler.Removed> removed = scheduler.runOnce();

      assertThat(removed)
          .extracting(RetentionScheduler.Removed::store, RetentionScheduler.Removed::items)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("index", 1L),
              org.assertj.core.groups.Tuple.tuple("archive", 1L),
              org.assertj.core.groups.Tuple.tuple("pcap", 1L),
              org.assertj.core.groups.Tuple.tuple("profiles", 1L));
      assertThat(removed.getFirst().detail()).contains("bro_index_2025.10.19");
      assertThat(index.search(SearchRequest.of("*", 10)).total()).isEqualTo(1);
      assertThat(files(data.resolve("archive"), ".json.gz"))
          .singleElement()
          .asString()
          .startsWith("bro/2025/11/28/");
      assertThat(Files.exists(data.resolve("archive/bro/2025/08/20"))).isFalse();
      assertThat(StoreFile.list(data.resolve("pcap")))
          .singleElement()
          .satisfies(f -> assertThat(f.startNanos()).isEqualTo(NOW * 1_000_000L));
      assertThat(files(data.resolve("profiles"), ".jsonl")).containsExactly("hits/2-1000.jsonl");
      assertThat(metrics.snapshot())
          .containsEntry("metron_retention_runs_total", 1.0)
          .containsEntry("metron_retention_removed_total{store=\"index\"}", 1.0)
          .containsEntry("metron_retention_removed_total{store=\"archive\"}", 1.0)
          .containsEntry("metron_retention_removed_total{store=\"pcap\"}", 1.0)
          .containsEntry("metron_retention_removed_total{store=\"profiles\"}", 1.0);
      assertThat(metrics.prometheus()).contains("metron_retention_removed_bytes_total");

      // a second pass finds nothing more; the settings are re-read, so a shorter archive age
      // set meanwhile takes effect
      global.put(RetentionSettings.ARCHIVE_DAYS, 0);
      global.put(RetentionSettings.PCAP_DAYS, 0);
      assertThat(scheduler.runOnce())
          .extracting(RetentionScheduler.Removed::store, RetentionScheduler.Removed::items)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("index", 0L),
              org.assertj.core.groups.Tuple.tuple("profiles", 0L));
      assertThat(metrics.snapshot()).containsEntry("metron_retention_runs_total", 2.0);

      // a bad setting skips the pass with one clear error and deletes nothing
      global.put(RetentionSettings.INDEX_DAYS, "a month");
      assertThat(scheduler.runOnce()).isEmpty();
      assertThat(metrics.snapshot())
          .containsEntry("metron_retention_errors_total{store=\"config\"}", 1.0);
      assertThatSettingsError(global);
      scheduler.close();
    }
  }

  private static void assertThatSettingsError(Map<String, Object> global) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RetentionSettings.from(new GlobalConfig(Map.copyOf(global))))
        .hasMessage("global config retention.index.days must be a whole number, found 'a month'");
  }

  @Test
  void defaultsKeepTheArchiveAndBoundTheIndexAndPackets() {
    RetentionSettings s = RetentionSettings.from(GlobalConfig.empty());
    assertThat(s.interval()).hasMinutes(15);
    assertThat(s.indexAge()).hasDays(30);
    assertThat(s.archiveAge()).isNull();
    assertThat(s.pcapAge()).hasDays(7);
    assertThat(s.indexBytes()).isZero();
    assertThat(s.pcapBytes()).isZero();
  }

  private static ProfileMeasurement measurement(String entity, long period, Long expires) {
    return new ProfileMeasurement(
        "hits", entity, new ProfilePeriod(period, 1000), List.of(), 1, Map.of(), expires);
  }
}
