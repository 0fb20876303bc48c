package io.metron.streams.stellar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.StellarLambda;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Metron's Kafka functions for the REPL. Client properties are, each overriding the one before,
 * Metron's defaults ({@code bootstrap.servers=localhost:9092} — the port {@code metron run} serves
 * — {@code group.id=kafka-functions-stellar}, {@code auto.offset.reset=latest}, string
 * serializers), every entry of the global config, then the call's {@code config} map. Three more
 * keys steer the functions: {@code stellar.kafka.poll.timeout} (ms per poll, default 500), {@code
 * stellar.kafka.max.wait.millis} (ms a call waits for messages at most, default 5000) and {@code
 * stellar.kafka.message.view} ({@code simple}: the value; {@code rich}: a map of value, topic,
 * partition, offset, timestamp and key).
 *
 * <p>Each call opens and closes its own client, as Metron's did, so calls are independent and
 * thread-safe; consumers commit their position, so successive {@code KAFKA_GET}s read on.
 */
public final class KafkaFunctions {
  private KafkaFunctions() {}

  public static final String POLL_TIMEOUT = "stellar.kafka.poll.timeout";
  public static final String MAX_WAIT = "stellar.kafka.max.wait.millis";
  public static final String MESSAGE_VIEW = "stellar.kafka.message.view";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The six functions. */
  public static List<StellarFunction> all() {
    return List.of(get(), tail(), find(), seek(), put(), props());
  }

  // ---- properties ----

  static Map<String, Object> properties(StellarContext context, Object overrides, String fn) {
    Map<String, Object> p = new TreeMap<>();
    p.put("bootstrap.servers", "localhost:9092");
    p.put("group.id", "kafka-functions-stellar");
    p.put("auto.offset.reset", "latest");
    p.put("max.poll.records", 1);
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    p.put(MAX_WAIT, 5000);
    p.put(POLL_TIMEOUT, 500);
    p.put(MESSAGE_VIEW, "simple");
    context.globalConfig().forEach((k, v) -> p.put(k, v));
    if (overrides != null) {
      if (!(overrides instanceof Map<?, ?> map)) {
        throw new StellarException(
            fn + ": config must be a map of Kafka properties, got " + overrides);
      }
      map.forEach((k, v) -> p.put(String.valueOf(k), v));
    }
    return p;
  }

  private static long millis(Map<String, Object> p, String key) {
    Object v = p.get(key);
    try {
      return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new StellarException(key + " must be a number of milliseconds, got " + v);
    }
  }

  private static boolean rich(Map<String, Object> p) {
    return "rich".equals(String.valueOf(p.get(MESSAGE_VIEW)));
  }

  private static Object view(ConsumerRecord<String, String> r, Map<String, Object> p) {
    if (!rich(p)) {
      return r.value();
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("value", r.value());
    view.put("topic", r.topic());
    view.put("partition", r.partition());
    view.put("offset", r.offset());
    view.put("timestamp", r.timestamp());
    view.put("key", r.key());
    return view;
  }

  // ---- arguments ----

  private static String topic(String fn, List<Object> args) {
    Object topic = args.getFirst();
    if (topic == null || topic.toString().isBlank()) {
      throw new StellarException(fn + ": topic is required");
    }
    return topic.toString();
  }

  private static int count(String fn, List<Object> args, int at) {
    if (args.size() <= at || args.get(at) == null) {
      return 1;
    }
    Object v = args.get(at);
    if (v instanceof Number n && n.intValue() > 0) {
      return n.intValue();
    }
    throw new StellarException(fn + ": count must be a positive number, got " + v);
  }

  private static Object arg(List<Object> args, int at) {
    return args.size() > at ? args.get(at) : null;
  }

  // ---- consuming ----

  /** What to do with each record polled; returns whether to stop. */
  @FunctionalInterface
  private interface Collector {
    boolean accept(ConsumerRecord<String, String> record);
  }

  private static void consume(
      String fn, String topic, Map<String, Object> p, boolean fromEnd, Collector collector) {
    long maxWait = millis(p, MAX_WAIT);
    Duration poll = Duration.ofMillis(millis(p, POLL_TIMEOUT));
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      Set<TopicPartition> partitions = assign(fn, topic, consumer, p);
      if (fromEnd) {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the end now, before anything new arrives
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWait);
      boolean done = false;
      while (!done && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(poll)) {
          if (collector.accept(record)) {
            done = true;
            break;
          }
        }
        consumer.commitSync();
      }
    } catch (KafkaException e) {
      throw new StellarException(fn + ": " + e.getMessage());
    }
  }

  private static Set<TopicPartition> assign(
      String fn, String topic, KafkaConsumer<String, String> consumer, Map<String, Object> p) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, Duration.ofMillis(millis(p, MAX_WAIT)));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new StellarException(
          fn + ": no answer from Kafka at " + p.get("bootstrap.servers") + " (is it running?)");
    }
    Set<TopicPartition> partitions = new java.util.LinkedHashSet<>();
    if (infos != null) {
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
    }
    if (partitions.isEmpty()) {
      throw new StellarException(fn + ": topic '" + topic + "' has no partitions (does it exist?)");
    }
    consumer.assign(partitions);
    return partitions;
  }

  private static FunctionDescriptor.Builder reading(String name) {
    return FunctionDescriptor.builder(name)
        .param("topic", "String", "the topic")
        .optional("count", "Integer", "how many messages, 1 when left out")
        .optional("config", "Map", "Kafka properties overriding the global ones")
        .returns("List: the messages (values, or maps with stellar.kafka.message.view = rich)")
        .nondeterministic();
  }

  static StellarFunction get() {
    return StellarFunction.of(
        reading("KAFKA_GET")
            .description(
                "Reads messages from a topic; each call reads on from where the last stopped (the"
                    + " consumer group's committed offset).")
            .build(),
        (args, context) -> {
          String fn = "KAFKA_GET";
          int count = count(fn, args, 1);
          Map<String, Object> p = properties(context, arg(args, 2), fn);
          p.put("max.poll.records", count);
          List<Object> out = new ArrayList<>();
          consume(fn, topic(fn, args), p, false, r -> out.add(view(r, p)) && out.size() >= count);
          return out;
        });
  }

  static StellarFunction tail() {
    return StellarFunction.of(
        reading("KAFKA_TAIL")
            .description("Reads the messages that arrive on a topic from now on.")
            .build(),
        (args, context) -> {
          String fn = "KAFKA_TAIL";
          int count = count(fn, args, 1);
          Map<String, Object> p = properties(context, arg(args, 2), fn);
          p.put("max.poll.records", count);
          List<Object> out = new ArrayList<>();
          consume(fn, topic(fn, args), p, true, r -> out.add(view(r, p)) && out.size() >= count);
          return out;
        });
  }

  static StellarFunction find() {
    return StellarFunction.of(
        FunctionDescriptor.builder("KAFKA_FIND")
            .param("topic", "String", "the topic")
            .param(
                "filter",
                "Lambda",
                "called with each message parsed as a JSON map; keeps those it returns true for")
            .optional("count", "Integer", "how many messages, 1 when left out")
            .optional("config", "Map", "Kafka properties overriding the global ones")
            .returns("List: the matching messages that arrive from now on")
            .description("Reads the messages arriving on a topic that satisfy a filter.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String fn = "KAFKA_FIND";
          if (!(args.get(1) instanceof StellarLambda filter)) {
            throw new StellarException(
                fn + ": filter must be a lambda, e.g. m -> MAP_EXISTS('ip', m)");
          }
          int count = count(fn, args, 2);
          Map<String, Object> p = properties(context, arg(args, 3), fn);
          p.put("max.poll.records", 10 * count);
          List<Object> out = new ArrayList<>();
          consume(
              fn,
              topic(fn, args),
              p,
              true,
              r -> satisfied(filter, r.value()) && out.add(view(r, p)) && out.size() >= count);
          return out;
        });
  }

  private static boolean satisfied(StellarLambda filter, String value) {
    Object message;
    try {
      message = value == null ? null : JSON.readValue(value, Map.class);
    } catch (IOException e) {
      return false; // not JSON: no field can match
    }
    try {
      return Boolean.TRUE.equals(filter.apply(List.of(message)));
    } catch (StellarException e) {
      return false;
    }
  }

  static StellarFunction seek() {
    return StellarFunction.of(
        FunctionDescriptor.builder("KAFKA_SEEK")
            .param("topic", "String", "the topic")
            .param("partition", "Integer", "the partition")
            .param("offset", "Long", "the offset")
            .optional("config", "Map", "Kafka properties overriding the global ones")
            .returns(
                "the message at that offset (value, or map when rich); null when there is none")
            .description("Reads the message at a partition and offset of a topic.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String fn = "KAFKA_SEEK";
          String topic = topic(fn, args);
          if (!(args.get(1) instanceof Number partition)
              || !(args.get(2) instanceof Number offset)) {
            throw new StellarException(fn + ": partition and offset must be numbers");
          }
          Map<String, Object> p = properties(context, arg(args, 3), fn);
          long maxWait = millis(p, MAX_WAIT);
          Duration poll = Duration.ofMillis(millis(p, POLL_TIMEOUT));
          TopicPartition tp = new TopicPartition(topic, partition.intValue());
          try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            Set<TopicPartition> all = assign(fn, topic, consumer, p);
            if (!all.contains(tp)) {
              throw new StellarException(
                  fn + ": topic '" + topic + "' has no partition " + partition);
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset.longValue());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWait);
            while (System.nanoTime() < deadline) {
              for (ConsumerRecord<String, String> r : consumer.poll(poll)) {
                if (r.offset() == offset.longValue()) {
                  return view(r, p);
                }
                if (r.offset() > offset.longValue()) {
                  return null;
                }
              }
            }
            return null;
          } catch (KafkaException e) {
            throw new StellarException(fn + ": " + e.getMessage());
          }
        });
  }

  static StellarFunction put() {
    return StellarFunction.of(
        FunctionDescriptor.builder("KAFKA_PUT")
            .param("topic", "String", "the topic")
            .param("messages", "String or List", "a message, or a list of them")
            .optional("config", "Map", "Kafka properties overriding the global ones")
            .returns(
                "the number of messages written; with stellar.kafka.message.view = rich, a list of"
                    + " maps of topic, partition, offset and timestamp")
            .description("Writes messages to a topic, waiting until Kafka has each.")
            .nondeterministic()
            .build(),
        (args, context) -> {
          String fn = "KAFKA_PUT";
          String topic = topic(fn, args);
          List<String> messages = new ArrayList<>();
          Object given = args.get(1);
          if (given instanceof Collection<?> c) {
            c.forEach(m -> messages.add(m == null ? null : m.toString()));
          } else if (given != null) {
            messages.add(given.toString());
          }
          Map<String, Object> p = properties(context, arg(args, 2), fn);
          long maxWait = millis(p, MAX_WAIT);
          p.putIfAbsent("max.block.ms", maxWait);
          List<Object> written = new ArrayList<>();
          try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String m : messages) {
              sent.add(producer.send(new ProducerRecord<>(topic, m)));
            }
            for (Future<RecordMetadata> f : sent) {
              RecordMetadata md = f.get(maxWait, TimeUnit.MILLISECONDS);
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("topic", md.topic());
              view.put("partition", md.partition());
              view.put("offset", md.offset());
              view.put("timestamp", md.timestamp());
              written.add(view);
            }
          } catch (KafkaException | ExecutionException e) {
            throw new StellarException(fn + ": cannot write to '" + topic + "': " + e.getMessage());
          } catch (TimeoutException e) {
            throw new StellarException(
                fn
                    + ": Kafka at "
                    + p.get("bootstrap.servers")
                    + " did not take the messages"
                    + " within "
                    + maxWait
                    + " ms");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StellarException(fn + ": interrupted");
          }
          return rich(p) ? written : (Object) written.size();
        });
  }

  static StellarFunction props() {
    return StellarFunction.of(
        FunctionDescriptor.builder("KAFKA_PROPS")
            .optional("config", "Map", "Kafka properties overriding the global ones")
            .returns("Map: the properties the other KAFKA_ functions would use")
            .description(
                "The effective Kafka client properties: defaults, global config, overrides.")
            .example("MAP_GET('group.id', KAFKA_PROPS())", "'kafka-functions-stellar'")
            .example(
                "MAP_GET('bootstrap.servers', KAFKA_PROPS({'bootstrap.servers': 'k1:9092'}))",
                "'k1:9092'")
            .nondeterministic()
            .build(),
        (args, context) -> properties(context, arg(args, 0), "KAFKA_PROPS"));
  }
}
