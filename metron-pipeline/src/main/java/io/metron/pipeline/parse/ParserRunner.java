package io.metron.pipeline.parse;

import io.metron.core.config.ConfigProblem;
import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.ParseOutcome.Failed;
import io.metron.pipeline.parse.ParseOutcome.Filtered;
import io.metron.pipeline.parse.ParseOutcome.Invalid;
import io.metron.pipeline.parse.ParseOutcome.Parsed;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.filter.Filters;
import io.metron.pipeline.parse.filter.MessageFilter;
import io.metron.pipeline.parse.transform.FieldTransformation;
import io.metron.pipeline.parse.transform.FieldTransformations;
import io.metron.pipeline.parse.transform.TransformContext;
import io.metron.pipeline.parse.transform.TransformationException;
import io.metron.pipeline.parse.validate.FieldValidations;
import io.metron.pipeline.parse.validate.FieldValidator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one sensor's parse stage on raw inputs, doing per message what Metron's {@code
 * ParserRunnerImpl} did, in its order:
 *
 * <ol>
 *   <li>read metadata (Kafka key JSON, topic; or the envelope's other fields) and merge it when
 *       {@code mergeMetadata};
 *   <li>set {@code source.type} to the sensor name;
 *   <li>apply {@code fieldTransformations} in order (Stellar sees the message, then unmerged
 *       metadata, then {@code parserConfig} values);
 *   <li>add {@code community_id} when the message has a 5-tuple and the global {@value
 *       #COMMUNITY_ID_SETTING} (or the sensor's {@code communityId}) asks for it (beyond Metron);
 *   <li>add {@code guid} when absent and {@code original_string} when absent;
 *   <li>apply the filter: a dropped message is {@link Filtered};
 *   <li>validate (the parser's own rule, {@link Parser#invalid}, then the global {@code
 *       fieldValidations}): failure is {@link Invalid} ({@code parser_invalid});
 *   <li>choose the output topic ({@code kafka.topicField}, used for parser chaining).
 * </ol>
 *
 * An input the parser cannot read becomes {@link Failed} ({@code parser_error}) carrying the raw
 * bytes and any metadata. Built once per sensor config; immutable and thread-safe. {@link #process}
 * never throws.
 */
public final class ParserRunner {
  private static final String DEFAULT_METADATA_PREFIX = "metron.metadata";
  private static final int MAX_REASON = 1000;

  /**
   * The global setting that adds {@code community_id} to every sensor's messages (off by default:
   * Metron never wrote the field); a sensor's {@code parserConfig.communityId} overrides it.
   */
  public static final String COMMUNITY_ID_SETTING = "parser.communityId";

  static final String COMMUNITY_ID_OPTION = "communityId";

  /**
   * Metron's global switch for the runner's own {@code original_string} (the raw text, for parsers
   * that set none); with {@code false} such a message fails its parser's validation, as in Metron.
   */
  public static final String ORIGINAL_STRING_SETTING = "parser.original_string.global";

  private final String sensor;
  private final ParserType type;
  private final Parser parser;
  private final Charset charset;
  private final List<FieldTransformation> transformations;
  private final MessageFilter filter;
  private final List<FieldValidator> validators;
  private final Map<String, Object> parserConfig;
  private final Map<String, Object> globalConfig;
  private final Clock clock;
  private final boolean envelope;
  private final String messageField;
  private final String metadataPrefix;
  private final boolean readMetadata;
  private final boolean mergeMetadata;
  private final String topicField;
  private final String outputTopic;
  private final boolean communityId;
  private final boolean originalStringGlobally;

  private ParserRunner(
      SensorParserConfig config,
      GlobalConfig global,
      Clock clock,
      ExpressionEngine engine,
      ParserType type,
      Parser parser,
      ParserSettings settings)
      throws ParserConfigException {
    this.sensor = config.sensor();
    this.type = type;
    this.parser = parser;
    this.charset = settings.charset();
    this.parserConfig = settings.values();
    this.globalConfig = global.values();
    this.clock = clock;
    List<ConfigProblem> problems = new ArrayList<>();
    this.transformations =
        FieldTransformations.build(
            config.fieldTransformations(), engine, settings.file(), problems);
    this.validators = FieldValidations.build(global, engine, problems);
    if (!problems.isEmpty()) {
      throw new ParserConfigException(problems);
    }
    this.filter = Filters.build(config.filterClassName(), settings, engine);
    this.envelope = "ENVELOPE".equals(config.rawMessageStrategy());
    Map<String, Object> strategy =
        config.rawMessageStrategyConfig() == null ? Map.of() : config.rawMessageStrategyConfig();
    Object field = strategy.get("messageField");
    this.messageField = field == null ? null : field.toString();
    if (envelope && messageField == null) {
      throw new ParserConfigException(
          settings.file(),
          "$.rawMessageStrategyConfig.messageField",
          "is required with rawMessageStrategy ENVELOPE: it names the envelope field to parse");
    }
    Object prefix = strategy.get("metadataPrefix");
    this.metadataPrefix = prefix == null ? DEFAULT_METADATA_PREFIX : prefix.toString();
    this.readMetadata = config.readsMetadata();
    this.mergeMetadata = config.mergesMetadata() && readMetadata;
    this.topicField = settings.string("kafka.topicField");
    String topic = settings.string("kafka.topic");
    this.outputTopic = topic != null ? topic : config.outputTopic();
    this.communityId = settings.bool(COMMUNITY_ID_OPTION, global.bool(COMMUNITY_ID_SETTING, false));
    this.originalStringGlobally = global.bool(ORIGINAL_STRING_SETTING, true);
  }

  /** Builds the runner for a sensor, with the system clock and the standard Stellar engine. */
  public static ParserRunner create(SensorParserConfig config, GlobalConfig global)
      throws ParserConfigException {
    return create(config, global, Clock.systemUTC(), ExpressionEngine.standard());
  }

  /**
   * Builds the runner for a sensor.
   *
   * @throws ParserConfigException naming the file and JSON path of each problem: an unknown parser,
   *     a bad option, a Stellar expression that does not compile
   */
  public static ParserRunner create(
      SensorParserConfig config, GlobalConfig global, Clock clock, ExpressionEngine engine)
      throws ParserConfigException {
    GlobalConfig globals = global == null ? GlobalConfig.empty() : global;
    ParserSettings settings =
        new ParserSettings(config.sensor(), config.parserConfig(), globals, clock);
    ParserType type =
        BuiltinParsers.find(config.parserClassName())
            .orElseThrow(
                () ->
                    new ParserConfigException(
                        settings.file(),
                        "$.parserClassName",
                        BuiltinParsers.unknownMessage(config.parserClassName())));
    Parser parser = type.factory().create(settings);
    return new ParserRunner(config, globals, clock, engine, type, parser, settings);
  }

  public String sensor() {
    return sensor;
  }

  public ParserType type() {
    return type;
  }

  /**
   * Parses one raw input into its outcomes, in order: one per produced message, then one per part
   * of the input that could not be parsed. Never throws.
   */
  public List<ParseOutcome> process(RawMessage raw) {
    Sequence sequence = new Sequence(raw.origin());
    Map<String, Object> metadata = readMetadata ? keyMetadata(raw) : Map.of();
    byte[] data = raw.value();
    String envelopeOriginal = null;
    if (data == null || data.length == 0) {
      return List.of(
          failed(sequence, "empty input: there is nothing to parse", null, data, metadata));
    }
    if (envelope) {
      Message outer;
      try {
        outer = MessageCodec.read(data);
      } catch (MessageFormatException e) {
        return List.of(
            failed(
                sequence,
                "envelope is not a JSON object: " + e.getMessage(),
                null,
                data,
                metadata));
      }
      Object inner = outer.remove(messageField);
      if (inner == null) {
        return List.of(
            failed(
                sequence,
                "envelope has no field '" + messageField + "' to parse",
                null,
                data,
                metadata));
      }
      Object original = outer.remove(MessageFields.ORIGINAL_STRING);
      envelopeOriginal = original == null ? null : original.toString();
      if (readMetadata) {
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        outer.fields().forEach((k, v) -> all.put(prefixed(k), v));
        metadata = all;
      }
      byte[] envelopeBytes = data;
      data = inner instanceof String s ? s.getBytes(charset) : json(inner);
      if (data.length == 0) {
        return List.of(
            failed(
                sequence,
                "envelope field '" + messageField + "' is empty: there is nothing to parse",
                null,
                envelopeBytes,
                metadata));
      }
    }
    ParseResult result;
    try {
      result = parser.parse(data);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(
          failed(sequence, type.name() + " parser failed unexpectedly: " + e, e, data, metadata));
    }
    List<ParseOutcome> out = new ArrayList<>(result.messages().size() + result.errors().size());
    for (Message message : result.messages()) {
      out.add(processMessage(message, data, metadata, envelopeOriginal, sequence));
    }
    for (ParseResult.Problem problem : result.errors()) {
      out.add(
          failed(
              sequence,
              problem.reason(),
              problem.cause(),
              problem.raw() == null ? data : problem.raw(),
              metadata));
    }
    return out;
  }

  private ParseOutcome processMessage(
      Message message,
      byte[] data,
      Map<String, Object> metadata,
      String envelopeOriginal,
      Sequence sequence) {
    try {
      if (mergeMetadata) {
        metadata.forEach(message::put);
      }
      if (envelopeOriginal != null) {
        message.put(MessageFields.ORIGINAL_STRING, envelopeOriginal);
      }
      message.put(MessageFields.SOURCE_TYPE, sensor);
      TransformContext context = context(metadata);
      for (FieldTransformation transformation : transformations) {
        transformation.apply(message, context);
      }
      if (communityId) {
        CommunityId.addTo(message);
      }
      String guid = message.guid();
      boolean derivedGuid = guid == null || guid.isBlank();
      if (derivedGuid) {
        message.put(MessageFields.GUID, sequence.guid());
        derivedGuid = sequence.hasOrigin();
      } else {
        sequence.skip();
      }
      if (originalStringGlobally && !message.has(MessageFields.ORIGINAL_STRING)) {
        message.put(MessageFields.ORIGINAL_STRING, new String(data, charset));
      }
      if (filter != null && !filter.emit(message, context)) {
        return new Filtered();
      }
      String invalid = parser.invalid(message);
      if (invalid == null) {
        invalid = numericTimestamp(message);
      }
      List<String> errorFields = List.of();
      if (invalid == null) {
        List<String> failed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FieldValidator validator : validators) {
          if (!validator.isValid(message, globalConfig)) {
            validator.inputs().stream().filter(f -> !failed.contains(f)).forEach(failed::add);
            names.add(
                validator.name()
                    + (validator.inputs().isEmpty()
                        ? ""
                        : " on " + String.join(", ", validator.inputs())));
          }
        }
        if (!failed.isEmpty() || !names.isEmpty()) {
          invalid = "field validation failed: " + String.join("; ", names);
          errorFields = failed;
        }
      }
      if (invalid != null) {
        Message error =
            ErrorMessage.of(ErrorType.PARSER_INVALID)
                .sensor(sensor)
                .message(abbreviated(invalid))
                .raw(message)
                .errorFields(errorFields)
                .metadata(metadata)
                .guid(sequence.guid())
                .toMessage(clock.millis(), Hostname.NAME);
        return new Invalid(error);
      }
      String topic = outputTopic;
      if (topicField != null) {
        Object routed = message.get(topicField);
        if (routed == null) {
          // Metron's writer drops a message without its routing field; so do we.
          return new Filtered();
        }
        topic = routed.toString();
      }
      return new Parsed(message, topic, derivedGuid);
    } catch (TransformationException e) {
      return failed(sequence, e.getMessage(), null, data, metadata);
    } catch (RuntimeException | StackOverflowError e) {
      return failed(sequence, "processing failed unexpectedly: " + e, e, data, metadata);
    }
  }

  /**
   * Beyond Metron, which let some parsers emit a {@code timestamp} that is not a number (a CSV or
   * JSON value it could not read): every stage after this one may rely on a number of milliseconds
   * (or a numeric text), so such a message is {@code parser_invalid} here.
   */
  private static String numericTimestamp(Message message) {
    Object timestamp = message.get(MessageFields.TIMESTAMP);
    if (timestamp != null && !(timestamp instanceof Number) && message.timestamp() == null) {
      return "invalid message: timestamp '" + timestamp + "' is not a number of milliseconds";
    }
    return null;
  }

  private TransformContext context(Map<String, Object> metadata) {
    if (mergeMetadata || metadata.isEmpty()) {
      return new TransformContext(parserConfig::get, globalConfig);
    }
    return new TransformContext(
        name -> {
          Object value = metadata.get(name);
          return value != null ? value : parserConfig.get(name);
        },
        globalConfig);
  }

  private Failed failed(
      Sequence sequence, String reason, Throwable cause, byte[] raw, Map<String, Object> metadata) {
    ErrorMessage error =
        ErrorMessage.of(ErrorType.PARSER_ERROR)
            .sensor(sensor)
            .message(abbreviated(reason))
            .raw(raw == null ? new byte[0] : raw)
            .metadata(metadata)
            .guid(sequence.guid());
    if (cause != null) {
      error.cause(cause);
    }
    return new Failed(error.toMessage(clock.millis(), Hostname.NAME));
  }

  /**
   * A reason quotes the value at fault, which may be most of a huge input; the input is in the
   * error already, so the reason keeps only the start of such a quote.
   */
  static String abbreviated(String reason) {
    if (reason == null || reason.length() <= MAX_REASON) {
      return reason;
    }
    return reason.substring(0, MAX_REASON)
        + "... ("
        + (reason.length() - MAX_REASON)
        + " more characters)";
  }

  private Map<String, Object> keyMetadata(RawMessage raw) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    byte[] key = raw.key();
    if (key != null && key.length > 0) {
      try {
        MessageCodec.read(key).fields().forEach((k, v) -> metadata.put(prefixed(k), v));
      } catch (MessageFormatException e) {
        // A key that is not a JSON object carries no metadata (Kafka keys are often plain ids).
      }
    }
    if (raw.topic() != null) {
      metadata.put(prefixed("topic"), raw.topic());
    }
    return metadata;
  }

  private String prefixed(String key) {
    return metadataPrefix.isEmpty() ? key : metadataPrefix + "." + key;
  }

  private static byte[] json(Object value) {
    try {
      return MessageCodec.JSON.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Hands out the guids of one input's outputs: derived from the input's origin when it has one (so
   * a replay gives the same guids), else random.
   */
  private static final class Sequence {
    private final String origin;
    private int next;

    Sequence(String origin) {
      this.origin = origin;
    }

    /** Whether the guids are derived from the input's position (else random). */
    boolean hasOrigin() {
      return origin != null;
    }

    String guid() {
      int i = next++;
      if (origin != null) {
        return Guids.derived(origin, i);
      }
      // A version 4 UUID from a fast non-cryptographic source: guids need uniqueness, not secrecy.
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long high = (random.nextLong() & ~0xF000L) | 0x4000L;
      long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(high, low).toString();
    }

    void skip() {
      next++;
    }
  }

  /** The host name written to error messages, looked up once. */
  private static final class Hostname {
    static final String NAME = lookup();

    private static String lookup() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
