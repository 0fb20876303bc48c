package io.metron.core.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sensor's parser config ({@code parsers/<sensor>.json}), in Metron's shape.
 *
 * @param sensor the sensor name (the file name without {@code .json})
 * @param sensorTopic the topic to read; defaults to the sensor name
 */
public record SensorParserConfig(
    String sensor,
    String parserClassName,
    String filterClassName,
    String sensorTopic,
    String outputTopic,
    String errorTopic,
    String writerClassName,
    String errorWriterClassName,
    Boolean readMetadata,
    Boolean mergeMetadata,
    String rawMessageStrategy,
    Map<String, Object> rawMessageStrategyConfig,
    Map<String, Object> parserConfig,
    List<FieldTransformationConfig> fieldTransformations,
    Map<String, Object> cacheConfig,
    Map<String, Object> spoutConfig,
    String securityProtocol) {

  static final Set<String> KEYS =
      Set.of(
          "parserClassName",
          "filterClassName",
          "sensorTopic",
          "outputTopic",
          "errorTopic",
          "writerClassName",
          "errorWriterClassName",
          "readMetadata",
          "mergeMetadata",
          "rawMessageStrategy",
          "rawMessageStrategyConfig",
          "parserConfig",
          "fieldTransformations",
          "cacheConfig",
          "spoutConfig",
          "securityProtocol");

  /** Storm tuning: meaningless on Kafka Streams, accepted so that Metron configs load unchanged. */
  static final Set<String> STORM_KEYS =
      Set.of(
          "numWorkers",
          "numAckers",
          "spoutParallelism",
          "spoutNumTasks",
          "parserParallelism",
          "parserNumTasks",
          "errorWriterParallelism",
          "errorWriterNumTasks",
          "stormConfig");

  static final Set<String> RAW_MESSAGE_STRATEGIES = Set.of("DEFAULT", "ENVELOPE");

  static SensorParserConfig read(String sensor, ConfigNode node) {
    if (!node.requireObject("a parser config")) {
      return null;
    }
    node.checkKeys(KEYS, STORM_KEYS);
    String strategy = node.string("rawMessageStrategy");
    if (strategy != null && !RAW_MESSAGE_STRATEGIES.contains(strategy)) {
      node.problem(
          "rawMessageStrategy",
          "unknown raw message strategy '" + strategy + "'; known: DEFAULT, ENVELOPE");
    }
    List<FieldTransformationConfig> transformations =
        node.elements("fieldTransformations").stream()
            .map(FieldTransformationConfig::read)
            .filter(Objects::nonNull)
            .toList();
    String topic = node.string("sensorTopic");
    return new SensorParserConfig(
        sensor,
        node.requiredString("parserClassName"),
        node.string("filterClassName"),
        topic == null ? sensor : topic,
        node.string("outputTopic"),
        node.string("errorTopic"),
        node.string("writerClassName"),
        node.string("errorWriterClassName"),
        node.bool("readMetadata"),
        node.bool("mergeMetadata"),
        strategy == null ? "DEFAULT" : strategy,
        node.map("rawMessageStrategyConfig"),
        node.map("parserConfig"),
        transformations,
        node.map("cacheConfig"),
        node.map("spoutConfig"),
        node.string("securityProtocol"));
  }

  /** Whether metadata is read; Metron's default depends on the raw message strategy. */
  public boolean readsMetadata() {
    return readMetadata != null ? readMetadata : "ENVELOPE".equals(rawMessageStrategy);
  }

  /** Whether metadata is merged into the message; defaults as {@link #readsMetadata()}. */
  public boolean mergesMetadata() {
    return mergeMetadata != null ? mergeMetadata : "ENVELOPE".equals(rawMessageStrategy);
  }
}
