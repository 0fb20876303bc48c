package io.metron.stellar.functions;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Placeholders for Metron's functions that need a store or a service owned by another module. Each
 * has its real signature (so it documents), and an expression calling it does not compile: it
 * fails, at config load, with "NAME is not available in this deployment: provided by MODULE" until
 * that module registers the real function through {@link io.metron.stellar.FunctionRegistry#with}
 * (the registry {@code metron} composes replaces all of them but MAAS_*).
 */
final class PendingFunctions {

  private PendingFunctions() {}

  private static final String PIPELINE = "metron-pipeline";
  private static final String STREAMS = "metron-streams";
  private static final String CLI = "metron-cli";
  private static final String PCAP = "metron-pcap";

  /** Why MAAS_* cannot run: no module of this version deploys or serves models. */
  private static final String MAAS =
      "Model as a Service (MaaS), which this version does not include yet";

  /**
   * name, namespace, module, description, then parameters ("name", "name?" optional, "name...").
   */
  private static final String[][] TABLE = {
    {"ASN_GET", "ASN", PIPELINE, "MaxMind ASN lookup of an IP address.", "ip", "fields?"},
    {"GEO_GET", "GEO", PIPELINE, "MaxMind GeoLite2 City lookup of an IP address.", "ip", "fields?"},
    {
      "ENRICHMENT_EXISTS",
      "ENRICHMENT",
      PIPELINE,
      "Whether (type, indicator) exists in an enrichment table.",
      "enrichment_type",
      "indicator",
      "nosql_table",
      "column_family"
    },
    {
      "ENRICHMENT_GET",
      "ENRICHMENT",
      PIPELINE,
      "The value map of (type, indicator) in an enrichment table.",
      "enrichment_type",
      "indicator",
      "nosql_table",
      "column_family"
    },
    {
      "ENRICHMENT_OBJECT_GET",
      "ENRICHMENT",
      PIPELINE,
      "Loads a serialized object (e.g. a bloom filter) into the shared enrichment cache.",
      "path"
    },
    {
      "OBJECT_GET",
      "OBJECT",
      PIPELINE,
      "Loads a serialized object (e.g. a bloom filter) from a file, with caching.",
      "path"
    },
    {
      "MAAS_GET_ENDPOINT",
      "MAAS",
      MAAS,
      "Looks up a deployed model's endpoint.",
      "model_name",
      "model_version?"
    },
    {
      "MAAS_MODEL_APPLY",
      "MAAS",
      MAAS,
      "Calls a model endpoint and returns its JSON result.",
      "endpoint",
      "function?",
      "model_args"
    },
    {
      "REST_GET",
      "REST",
      PIPELINE,
      "HTTP GET returning parsed JSON.",
      "url",
      "rest_config?",
      "query_parameters?"
    },
    {
      "REST_POST",
      "REST",
      PIPELINE,
      "HTTP POST of JSON returning parsed JSON.",
      "url",
      "post_data",
      "rest_config?",
      "query_parameters?"
    },
    {
      "KAFKA_GET", "KAFKA", STREAMS, "Consumes messages from a topic.", "topic", "count?", "config?"
    },
    {
      "KAFKA_TAIL",
      "KAFKA",
      STREAMS,
      "Consumes the newest messages of a topic.",
      "topic",
      "count?",
      "config?"
    },
    {
      "KAFKA_PUT", "KAFKA", STREAMS, "Produces messages to a topic.", "topic", "messages", "config?"
    },
    {"KAFKA_PROPS", "KAFKA", STREAMS, "The effective Kafka client properties.", "config?"},
    {
      "KAFKA_FIND",
      "KAFKA",
      STREAMS,
      "Consumes until messages match a filter lambda.",
      "topic",
      "filter",
      "count?",
      "config?"
    },
    {
      "KAFKA_SEEK",
      "KAFKA",
      STREAMS,
      "Reads the message at a partition and offset.",
      "topic",
      "partition",
      "offset",
      "config?"
    },
    {"HDFS_LS", "HDFS", CLI, "Lists a directory of a Hadoop file system.", "path?"},
    {"HDFS_READ", "HDFS", CLI, "Reads a file of a Hadoop file system.", "path"},
    {"HDFS_READ_LINES", "HDFS", CLI, "Reads the lines of a file of a Hadoop file system.", "path"},
    {"HDFS_RM", "HDFS", CLI, "Removes a path of a Hadoop file system.", "path", "recursive?"},
    {"HDFS_WRITE", "HDFS", CLI, "Writes a file of a Hadoop file system.", "content", "path"},
    {"LOCAL_LS", "LOCAL", CLI, "Lists a local directory.", "path?"},
    {"LOCAL_READ", "LOCAL", CLI, "Reads a local file.", "path"},
    {"LOCAL_READ_LINES", "LOCAL", CLI, "Reads the lines of a local file.", "path"},
    {"LOCAL_RM", "LOCAL", CLI, "Removes a local path.", "path", "recursive?"},
    {"LOCAL_WRITE", "LOCAL", CLI, "Writes a local file.", "content", "path"},
    {
      "CONFIG_GET",
      "CONFIG",
      CLI,
      "Reads a GLOBAL, PARSER, ENRICHMENT, INDEXING or PROFILER config.",
      "type",
      "sensor?",
      "emptyIfNotPresent?"
    },
    {"CONFIG_PUT", "CONFIG", CLI, "Writes a config.", "type", "config", "sensor?"},
    {
      "SHELL_EDIT",
      "SHELL",
      CLI,
      "Opens $EDITOR in the interactive shell and returns the text.",
      "string?"
    },
    {"PARSER_CONFIG", "PARSER", PIPELINE, "The config of an in-shell parser.", "parser"},
    {
      "PARSER_INIT",
      "PARSER",
      PIPELINE,
      "Creates an in-shell parser for a sensor.",
      "sensorType",
      "config?"
    },
    {
      "PARSER_PARSE",
      "PARSER",
      PIPELINE,
      "Parses raw messages with an in-shell parser.",
      "parser",
      "input"
    },
    {
      "PARSER_STELLAR_TRANSFORM_ADD",
      "PARSER_STELLAR_TRANSFORM",
      PIPELINE,
      "Adds STELLAR field transformations to a parser config.",
      "sensorConfig",
      "stellarTransforms"
    },
    {
      "PARSER_STELLAR_TRANSFORM_PRINT",
      "PARSER_STELLAR_TRANSFORM",
      PIPELINE,
      "Prints a parser config's STELLAR transformations.",
      "sensorConfig"
    },
    {
      "PARSER_STELLAR_TRANSFORM_REMOVE",
      "PARSER_STELLAR_TRANSFORM",
      PIPELINE,
      "Removes STELLAR field transformations from a parser config.",
      "sensorConfig",
      "stellarTransforms"
    },
    {
      "ENRICHMENT_STELLAR_TRANSFORM_ADD",
      "ENRICHMENT_STELLAR_TRANSFORM",
      PIPELINE,
      "Adds Stellar enrichment assignments to an enrichment config.",
      "sensorConfig",
      "type",
      "stellarTransforms",
      "group?"
    },
    {
      "ENRICHMENT_STELLAR_TRANSFORM_PRINT",
      "ENRICHMENT_STELLAR_TRANSFORM",
      PIPELINE,
      "Prints an enrichment config's Stellar assignments.",
      "sensorConfig",
      "type"
    },
    {
      "ENRICHMENT_STELLAR_TRANSFORM_REMOVE",
      "ENRICHMENT_STELLAR_TRANSFORM",
      PIPELINE,
      "Removes Stellar enrichment assignments.",
      "sensorConfig",
      "type",
      "stellarTransforms",
      "group?"
    },
    {
      "INDEXING_SET_BATCH",
      "INDEXING",
      PIPELINE,
      "Sets a writer's batch size and timeout in an indexing config.",
      "sensorConfig",
      "writer",
      "size",
      "timeout?"
    },
    {
      "INDEXING_SET_ENABLED",
      "INDEXING",
      PIPELINE,
      "Enables or disables a writer in an indexing config.",
      "sensorConfig",
      "writer",
      "enabled?"
    },
    {
      "INDEXING_SET_INDEX",
      "INDEXING",
      PIPELINE,
      "Sets a writer's index in an indexing config.",
      "sensorConfig",
      "writer",
      "sensor"
    },
    {
      "THREAT_TRIAGE_ADD",
      "THREAT_TRIAGE",
      PIPELINE,
      "Adds risk-level rules to an enrichment config.",
      "sensorConfig",
      "triageRules"
    },
    {"THREAT_TRIAGE_CONFIG", "THREAT_TRIAGE", PIPELINE, "The config of a triage engine.", "engine"},
    {
      "THREAT_TRIAGE_INIT",
      "THREAT_TRIAGE",
      PIPELINE,
      "Creates a triage engine from an enrichment config.",
      "config"
    },
    {
      "THREAT_TRIAGE_PRINT",
      "THREAT_TRIAGE",
      PIPELINE,
      "Prints the triage rules of a config or engine.",
      "config"
    },
    {
      "THREAT_TRIAGE_REMOVE",
      "THREAT_TRIAGE",
      PIPELINE,
      "Removes risk-level rules from an enrichment config.",
      "sensorConfig",
      "rules"
    },
    {
      "THREAT_TRIAGE_SCORE",
      "THREAT_TRIAGE",
      PIPELINE,
      "Scores a message with a triage engine.",
      "message",
      "engine"
    },
    {
      "THREAT_TRIAGE_SET_AGGREGATOR",
      "THREAT_TRIAGE",
      PIPELINE,
      "Sets the triage aggregator of an enrichment config.",
      "sensorConfig",
      "aggregator",
      "aggregatorConfig?"
    },
    {
      "GROK_EVAL",
      "GROK",
      PIPELINE,
      "Applies a grok expression to sample lines.",
      "grokExpression",
      "data"
    },
    {"GROK_PREDICT", "GROK", PIPELINE, "Guesses a grok expression for a line.", "data"},
    {
      "BYTEARRAY_MATCHER",
      "BYTEARRAY",
      PCAP,
      "Matches a binary regular expression against bytes (pcap payloads).",
      "binary_regex",
      "data"
    },
  };

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    for (String[] row : TABLE) {
      FunctionDescriptor.Builder b =
          FunctionDescriptor.builder(row[0]).namespace(row[1]).pending(row[2]).description(row[3]);
      for (int i = 4; i < row.length; i++) {
        String p = row[i];
        if (p.endsWith("?")) {
          b.optional(p.substring(0, p.length() - 1), "Object", "");
        } else {
          b.param(p, "Object", "");
        }
      }
      b.returns("See Metron's documentation");
      f.add(StellarFunction.pending(b.build()));
    }
    return f;
  }
}
