package io.metron.hadoop;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.cli.MetronCommand;
import io.metron.core.message.Message;
import io.metron.search.archive.ArchivePolicy;
import io.metron.search.archive.ArchiveReader;
import io.metron.search.archive.ArchiveStorage;
import io.metron.search.archive.ArchiveWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The archive on a real HDFS (a NameNode and a DataNode in this JVM): the writer's files land in
 * Metron's layout, what a flush acknowledged is readable while the file is still open, a second
 * writer recovers the files the first left in progress, and {@code metron archive cat} reads the
 * archive back from its hdfs:// URI.
 */
class HdfsArchiveIT {
  private static final long DAY1 = 1_764_288_000_000L; // 2025-11-28T00:00:00Z
  private static final long DAY = 86_400_000L;

  @TempDir static Path dir;
  private static MiniDFSCluster cluster;
  private static String base;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    base = "hdfs://localhost:" + cluster.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private static Message event(int i, String sensor, long ts) {
    return Message.empty()
        .put("guid", sensor + "-" + i)
        .put("source.type", sensor)
        .put("timestamp", ts)
        .put("ip_src_addr", "10.0.0." + (i % 250));
  }

  private static List<Message> readAll(String uri, List<String> sensors) throws Exception {
    List<Message> out = new ArrayList<>();
    try (ArchiveStorage storage = ArchiveStorage.at(uri)) {
      ArchiveReader.read(storage, sensors, null, null, m -> true, out::add);
    }
    return out;
  }

  /** The archive's files under {@code path}, without its checkpoints, opening times removed. */
  private static List<String> hdfsFiles(String path) throws Exception {
    List<String> names = new ArrayList<>();
    try (FileSystem fs = FileSystem.newInstance(cluster.getURI(), cluster.getConfiguration(0))) {
      RemoteIterator<LocatedFileStatus> it =
          fs.listFiles(new org.apache.hadoop.fs.Path(path), true);
      while (it.hasNext()) {
        String name = it.next().getPath().toUri().getPath().substring(path.length() + 1);
        if (!name.startsWith("_checkpoint-")) {
          names.add(name.replaceAll("-\\d{8}T\\d{6}-\\d+", ""));
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Test
  void archiveWritesGoToHdfsAndReadBack() throws Exception {
    String uri = base + "/metron/archive";
    Clock clock = Clock.fixed(Instant.ofEpochMilli(DAY1 + DAY), ZoneOffset.UTC);
    ArchiveStorage storage = ArchiveStorage.at(uri);
    assertThat(storage).isInstanceOf(HadoopArchiveStorage.class);
    try (ArchiveWriter writer = ArchiveWriter.open(storage, ArchivePolicy.DEFAULT, clock)) {
      writer.write(
          List.of(
              event(1, "bro", DAY1 + 10),
              event(2, "bro", DAY1 + DAY + 5),
              event(3, "snort", DAY1 + 20)));
      writer.flush();
      // hsync'd, still open: a new reader sees every acknowledged message
      assertThat(readAll(uri, List.of()))
          .extracting(m -> m.get("guid"))
          .containsExactlyInAnyOrder("bro-1", "bro-2", "snort-3");
      assertThat(hdfsFiles("/metron/archive")).allMatch(f -> f.endsWith(".json.gz.inprogress"));
    }
    assertThat(hdfsFiles("/metron/archive"))
        .containsExactly(
            "bro/2025/11/28/bro.json.gz",
            "bro/2025/11/29/bro.json.gz",
            "snort/2025/11/28/snort.json.gz");

    String out =
        cli(
            "archive",
            "cat",
            "--archive",
            uri,
            "--sensor",
            "bro",
            "--from",
            "2025-11-28",
            "--to",
            "2025-11-29");
    assertThat(out.lines()).hasSize(1).allMatch(l -> l.contains("\"guid\":\"bro-1\""));
    assertThat(
            cli("archive", "cat", "--archive", uri, "--from", "2025-11-01", "--to", "2025-12-01")
                .lines())
        .hasSize(3);
  }

  @Test
  void theProfilerBackfillReplaysTheArchiveConfiguredAsArchiveUri() throws Exception {
    String uri = base + "/metron/profiled";
    Clock clock = Clock.fixed(Instant.ofEpochMilli(DAY1), ZoneOffset.UTC);
    try (ArchiveWriter writer =
        ArchiveWriter.open(ArchiveStorage.at(uri), ArchivePolicy.DEFAULT, clock)) {
      writer.write(
          List.of(event(1, "bro", DAY1 + 1), event(2, "bro", DAY1 + 2), event(3, "bro", DAY1 + 3)));
    }
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("global.json"), "{\"archive.uri\": \"" + uri + "\"}");
    Files.writeString(
        conf.resolve("profiler.json"),
        "{\"timestampField\": \"timestamp\", \"profiles\": [{\"profile\": \"hits\", \"foreach\":"
            + " \"source.type\", \"init\": {\"n\": \"0\"}, \"update\": {\"n\": \"n + 1\"},"
            + " \"result\": \"n\"}]}");
    String out =
        cli(
            "profile",
            "backfill",
            "--from",
            "2025-11-28",
            "--to",
            "2025-11-29",
            "--config-dir",
            conf.toString(),
            "--data",
            dir.resolve("data").toString());
    assertThat(out).contains("Replayed 3 events");
  }

  @Test
  void aSecondWriterRecoversWhatTheFirstLeftInProgress() throws Exception {
    String uri = base + "/metron/crashed";
    Clock clock = Clock.fixed(Instant.ofEpochMilli(DAY1), ZoneOffset.UTC);
    // The first writer flushes (the pipeline then commits its offsets) and is never closed, as
    // when its instance dies; its file on HDFS stays in progress, its lease held.
    ArchiveWriter crashed =
        ArchiveWriter.open(ArchiveStorage.at(uri), ArchivePolicy.DEFAULT, clock);
    crashed.write(List.of(event(1, "bro", DAY1), event(2, "bro", DAY1 + 1)));
    crashed.flush(Map.of("indexing-0", 2L));
    crashed.write(List.of(event(9, "bro", DAY1 + 9))); // after the last flush: not kept
    assertThat(hdfsFiles("/metron/crashed"))
        .containsExactly("bro/2025/11/28/bro.json.gz.inprogress");

    try (ArchiveWriter next =
        ArchiveWriter.open(ArchiveStorage.at(uri), ArchivePolicy.DEFAULT, clock)) {
      assertThat(next.positions())
          .as("the positions of the last flush, from its checkpoint on HDFS")
          .isEqualTo(Map.of("indexing-0", 2L));
      next.write(List.of(event(3, "bro", DAY1 + 2)));
    }
    assertThat(hdfsFiles("/metron/crashed"))
        .containsExactly("bro/2025/11/28/bro.json.gz", "bro/2025/11/28/bro.json.gz");
    assertThat(readAll(uri, List.of("bro")))
        .extracting(m -> m.get("guid"))
        .containsExactlyInAnyOrder("bro-1", "bro-2", "bro-3");
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MetronCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
    assertThat(err.toString()).doesNotContain("warning:");
    return out.toString();
  }
}
