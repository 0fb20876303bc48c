package io.metron.streams;

import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.streams.enrich.EnrichProcessor;
import io.metron.streams.enrich.Enrichment;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.metrics.Metrics;
import io.metron.streams.parse.ParseProcessor;
import io.metron.streams.parse.SensorParser;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * Builds Metron's streaming flow as one Kafka Streams topology:
 *
 * <pre>
 * &lt;sensor topic&gt; → parse-&lt;sensor&gt; + enrich → indexing
 *                                    ↘ the sensor's outputTopic, if it has one
 *                                    ↘ errors → the error topic (indexing by default)
 * enrichments → enrich → indexing      (outside producers, parsers with an outputTopic)
 *                      ↘ errors → indexing
 * </pre>
 *
 * Each sensor is its own sub-topology, so sensors scale and fail independently. Parse and enrich
 * run in one step that passes the message object along: one JSON encoding between the sensor topic
 * and {@code indexing} instead of a decode and two encodings through {@code enrichments}. Indexing
 * itself is not here: one writer consumes {@code indexing} for search and archive.
 */
public final class PipelineTopology {
  private PipelineTopology() {}

  /** The error topic Metron used when nothing else is configured. */
  static String errorTopic(Configs configs, SensorParserConfig parser) {
    if (parser != null && parser.errorTopic() != null) {
      return parser.errorTopic();
    }
    return configs.global().string("parser.error.topic", Topics.INDEXING);
  }

  /**
   * The topics a sensor's parsed message is written to on its way to the indexing writers, in
   * order: what {@code metron bench}'s pass-through topology mirrors.
   */
  public static List<String> hops() {
    return List.of(Topics.INDEXING);
  }

  /** The topics the topology reads or writes by name (not by pattern), for creating them. */
  public static Set<String> topics(Configs configs) {
    Set<String> topics = new LinkedHashSet<>(Topics.standard());
    for (SensorParserConfig parser : configs.parsers().values()) {
      if (!isPattern(parser.sensorTopic())) {
        topics.add(parser.sensorTopic());
      }
      topics.add(parser.outputTopic() == null ? Topics.ENRICHMENTS : parser.outputTopic());
      topics.add(errorTopic(configs, parser));
    }
    return topics;
  }

  /**
   * @param parsers gives the current parser of a sensor; looked up per record, so a parser rebuilt
   *     after a config change takes over at once
   * @param enricher gives the current enricher, likewise
   */
  public static Topology build(
      Configs configs,
      Function<String, SensorParser> parsers,
      Supplier<MessageEnricher> enricher,
      Clock clock,
      String hostname,
      Metrics metrics) {
    Topology topology = new Topology();
    Enrichment enrichment = new Enrichment(enricher, clock, hostname, metrics);
    int maxBytes = maxMessageBytes(configs);
    ByteArrayDeserializer in = new ByteArrayDeserializer();
    ByteArraySerializer out = new ByteArraySerializer();
    for (SensorParserConfig parser : configs.parsers().values()) {
      String sensor = parser.sensor();
      String source = "source-" + sensor;
      String parse = "parse-" + sensor;
      String parsed = "parsed-" + sensor;
      String errors = "errors-" + sensor;
      String topic = parser.sensorTopic();
      if (isPattern(topic)) {
        topology.addSource(source, in, in, Pattern.compile(topic.substring(1, topic.length() - 1)));
      } else {
        topology.addSource(source, in, in, topic);
      }
      String enriched = "enriched-" + sensor;
      String enrichErrors = "enrich-errors-" + sensor;
      topology.addProcessor(
          parse,
          () ->
              new ParseProcessor(
                  () -> parsers.apply(sensor),
                  parsed,
                  errors,
                  enrichment,
                  enriched,
                  enrichErrors,
                  sensor,
                  maxBytes,
                  clock,
                  hostname,
                  metrics),
          source);
      String output = parser.outputTopic() == null ? Topics.ENRICHMENTS : parser.outputTopic();
      topology.addSink(parsed, ParseProcessor.routedOr(output), out, out, parse);
      topology.addSink(errors, errorTopic(configs, parser), out, out, parse);
      topology.addSink(enriched, Topics.INDEXING, out, out, parse);
      topology.addSink(enrichErrors, enrichmentErrorTopic(configs), out, out, parse);
    }
    topology.addSource("source-enrichments", in, in, Topics.ENRICHMENTS);
    topology.addProcessor(
        "enrich",
        () -> new EnrichProcessor(enrichment, "enriched", "enrich-errors"),
        "source-enrichments");
    topology.addSink("enriched", Topics.INDEXING, out, out, "enrich");
    topology.addSink("enrich-errors", enrichmentErrorTopic(configs), out, out, "enrich");
    return topology;
  }

  private static String enrichmentErrorTopic(Configs configs) {
    return configs.global().string("enrichment.error.topic", Topics.INDEXING);
  }

  static int maxMessageBytes(Configs configs) {
    Object value = configs.global().get(ParseProcessor.MAX_BYTES_KEY);
    if (value == null) {
      return ParseProcessor.DEFAULT_MAX_BYTES;
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      return ParseProcessor.DEFAULT_MAX_BYTES;
    }
  }

  /** Metron's {@code /regex/} form of {@code sensorTopic}: subscribe by pattern. */
  static boolean isPattern(String topic) {
    return topic.length() > 2 && topic.startsWith("/") && topic.endsWith("/");
  }
}
