package io.metron.streams.demo;

import io.metron.pcap.kafka.PacketKeys;
import io.metron.streams.Topics;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Feeds demo Bro records into a sensor topic: a first burst spread over the last hour, so there is
 * history to search at once, then a steady trickle until closed. For the flows that involve a
 * watch-listed host it also produces the packets a sensor would have captured ({@link DemoPackets})
 * to the {@code pcap} topic, keyed as pycapa keys them, so those alerts have packets to query. Runs
 * on its own thread.
 */
public final class DemoProducer implements Runnable, AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final int burst;
  private final int perSecond;
  private final Clock clock;
  private final BroDemoEvents events;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong packets = new AtomicLong();

  public DemoProducer(
      String bootstrapServers, String topic, int burst, int perSecond, Clock clock) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.burst = burst;
    this.perSecond = perSecond;
    this.clock = clock;
    this.events = new BroDemoEvents(clock.millis());
  }

  public long produced() {
    return produced.get();
  }

  /** Packets produced to {@link #Topics.PCAP} so far. */
  public long packets() {
    return packets.get();
  }

  @Override
  public void run() {
    long now = clock.millis();
    for (int i = 0; i < burst && running.get(); i++) {
      long ts = now - 3_600_000L + (3_600_000L * i / Math.max(1, burst));
      send(events.next(ts));
    }
    producer.flush();
    while (running.get() && perSecond > 0) {
      for (int i = 0; i < perSecond && running.get(); i++) {
        send(events.next(clock.millis()));
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(byte[] value) {
    producer.send(new ProducerRecord<>(topic, value));
    produced.incrementAndGet();
    BroDemoEvents.Flow flow = events.lastFlow();
    if (flow.watched()) {
      for (DemoPackets.Packet p : DemoPackets.of(flow)) {
        byte[] key = PacketKeys.MICROSECONDS.key(p.timestampNanos());
        producer.send(new ProducerRecord<>(Topics.PCAP, key, p.frame()));
        packets.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    producer.close();
  }
}
