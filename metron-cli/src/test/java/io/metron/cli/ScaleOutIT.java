package io.metron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.streams.broker.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two real instances against one external broker: configs pushed once to the metron.config topic,
 * partitions shared, and together they index every event exactly once.
 */
class ScaleOutIT {
  private static final int EVENTS = 20_000;

  @TempDir Path dir;

  @Test
  void twoInstancesShareTheWorkAndIndexEveryEventOnce() throws Exception {
    Path conf = dir.resolve("conf");
    MetronProcess.writeBroParser(conf);
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0)) {
      String kafka = broker.start();

      StringWriter out = new StringWriter();
      CommandLine cli = MetronCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      assertThat(cli.execute("config", "push", conf.toString(), "--kafka", kafka)).isZero();
      assertThat(out.toString()).contains("pushed parsers/bro.json");

      Path dataA = dir.resolve("a");
      Path dataB = dir.resolve("b");
      MetronProcess a =
          MetronProcess.start(
              dir.resolve("a.log"),
              "run",
              "--kafka",
              kafka,
              "--data",
              dataA.toString(),
              "--partitions",
              "4",
              "--no-http");
      MetronProcess b =
          MetronProcess.start(
              dir.resolve("b.log"),
              "run",
              "--kafka",
              kafka,
              "--data",
              dataB.toString(),
              "--partitions",
              "4",
              "--no-http");
      try {
        a.awaitReady();
        b.awaitReady();
        assertThat(a.log()).contains("metron.config (mirrored in");
        Thread.sleep(5000); // let both join the consumer groups before the load starts
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
          records.add(
              new ProducerRecord<>(
                  "bro", Integer.toString(i).getBytes(), MetronProcess.broEvent(i)));
        }
        try (KafkaProducer<byte[], byte[]> producer = MetronProcess.producer(kafka)) {
          MetronProcess.sendAll(producer, records);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (CrashRecoveryIT.count(dataA) + CrashRecoveryIT.count(dataB) < EVENTS
            && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        Thread.sleep(3000);
        long inA = CrashRecoveryIT.count(dataA);
        long inB = CrashRecoveryIT.count(dataB);
        System.out.println("instance a indexed " + inA + ", instance b " + inB);
        assertThat(inA + inB).isEqualTo(EVENTS);
        assertThat(inA).isPositive();
        assertThat(inB).isPositive();
        Map<String, Integer> seen = new HashMap<>();
        CrashRecoveryIT.collectUids(dataA, seen);
        CrashRecoveryIT.collectUids(dataB, seen);
        assertThat(seen).hasSize(EVENTS);
        assertThat(seen.values()).containsOnly(1);
      } finally {
        a.stop();
        b.stop();
      }
    }
  }
}
