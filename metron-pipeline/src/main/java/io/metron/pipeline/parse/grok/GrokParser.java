package io.metron.pipeline.parse.grok;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.LineParser;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code GrokParser}: matches each input (or each line, with {@code multiLine}) against
 * the grok pattern {@code patternLabel} from {@code grokPath} plus the common set, converts the
 * {@code timeFields} with {@code dateFormat} and {@code timeZone}, and takes {@code timestamp} from
 * {@code timestampField}. Patterns are compiled to one {@code java.util.regex} pattern.
 */
public final class GrokParser implements Parser {
  /** A sensor-specific step run on each matched message (WebSphere's message decoding). */
  @FunctionalInterface
  public interface PostParse {
    void apply(Message message) throws BadInputException;
  }

  /**
   * How a sensor reads its {@code timestampField} value ({@code null} when the pattern did not
   * capture it) into epoch milliseconds. The generic rule: a number as it is, a text with its dots
   * dropped (so {@code 1461576382.642} reads as milliseconds), nothing captured an error.
   */
  @FunctionalInterface
  interface TimestampReader {
    long read(Object value, LegacyDateFormat dateFormat) throws BadInputException;
  }

  static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd HH:mm:ss.S z";

  static final List<ParserOption> OPTIONS =
      List.of(
          ParserOption.required(
              "grokPath",
              "string",
              "The grok pattern file: a file path, else a built-in set such as /patterns/yaf"),
          ParserOption.required("patternLabel", "string", "The pattern in that file to match"),
          ParserOption.optional(
              "timestampField",
              "string",
              null,
              "The captured field holding the event time (epoch ms, or after timeFields"
                  + " conversion); dots are dropped from text, so 1461576382.642 reads as ms"),
          ParserOption.optional(
              "timeFields", "list of strings", "[]", "Captured fields to convert with dateFormat"),
          ParserOption.optional(
              "dateFormat",
              "string",
              DEFAULT_DATE_FORMAT,
              "SimpleDateFormat pattern of the timeFields"),
          ParserOption.optional(
              "timeZone", "string", "UTC", "Time zone of the timeFields when they carry none"),
          ParserOption.optional(
              "multiLine", "boolean", "false", "Parse each line of an input as its own record"));

  public static final ParserType TYPE =
      new ParserType(
          "grok",
          List.of("org.apache.metron.parsers.GrokParser"),
          "Generic grok: named patterns compiled to java.util.regex; the yaf and squid sensors"
              + " use it with /patterns/yaf and /patterns/squid.",
          OPTIONS,
          Map.of(
              "grokPath", "/patterns/yaf",
              "patternLabel", "YAF_DELIMITED",
              "timestampField", "start_time",
              "timeFields", List.of("start_time", "end_time"),
              "dateFormat", "yyyy-MM-dd HH:mm:ss.S"),
          "2024-01-02 03:04:05.678|2024-01-02 03:04:05.900|   0.222|   0.001|  6|"
              + "                               10.1.2.3|40000|"
              + "                               10.4.5.6|  443|       S|       0|      AS|"
              + "       0|1a2b3c4d|5e6f7a8b|000|000|       2|     120|       1|      60|    0|eof",
          settings -> create(settings, null));

  private final Grok grok;
  private final String patternLabel;
  private final String timestampField;
  private final List<String> timeFields;
  private final LegacyDateFormat dateFormat;
  private final PostParse postParse;
  private final TimestampReader timestampReader;
  private final Parser input;

  private GrokParser(
      Grok grok,
      String patternLabel,
      String timestampField,
      List<String> timeFields,
      LegacyDateFormat dateFormat,
      boolean multiLine,
      Charset charset,
      PostParse postParse,
      TimestampReader timestampReader) {
    this.grok = grok;
    this.timestampReader = timestampReader == null ? this::millis : timestampReader;
    this.patternLabel = patternLabel;
    this.timestampField = timestampField;
    this.timeFields = timeFields;
    this.dateFormat = dateFormat;
    this.postParse = postParse;
    this.input =
        multiLine
            ? new LineParser(charset, this::parseLine, "no line to parse in the input")
            : TextParser.whole(charset, this::parseLine);
  }

  /** Builds a grok parser from {@code parserConfig}, with an optional sensor-specific step. */
  public static GrokParser create(ParserSettings settings, PostParse postParse)
      throws ParserConfigException {
    return create(
        settings,
        settings.requiredString("grokPath"),
        settings.requiredString("patternLabel"),
        settings.string("dateFormat", DEFAULT_DATE_FORMAT),
        settings.string("timestampField"),
        postParse,
        null);
  }

  /** Builds a grok parser whose path, label and date format are fixed by a sensor parser. */
  static GrokParser create(
      ParserSettings settings,
      String grokPath,
      String patternLabel,
      String datePattern,
      String timestampField,
      PostParse postParse,
      TimestampReader timestampReader)
      throws ParserConfigException {
    Grok grok;
    try {
      Map<String, String> library = GrokLibrary.load(grokPath);
      if (!library.containsKey(patternLabel)) {
        throw settings.problem(
            "patternLabel", "pattern '" + patternLabel + "' is not defined in " + grokPath);
      }
      grok = Grok.compile("%{" + patternLabel + "}", library);
    } catch (GrokException e) {
      throw settings.problem("grokPath", e.getMessage());
    }
    LegacyDateFormat dateFormat;
    try {
      dateFormat = new LegacyDateFormat(datePattern, settings.zone("timeZone", ZoneOffset.UTC));
    } catch (IllegalArgumentException e) {
      throw settings.problem(
          "dateFormat", "invalid date pattern '" + datePattern + "': " + e.getMessage());
    }
    return new GrokParser(
        grok,
        patternLabel,
        timestampField,
        settings.strings("timeFields"),
        dateFormat,
        settings.bool("multiLine", false),
        settings.charset(),
        postParse,
        timestampReader);
  }

  @Override
  public ParseResult parse(byte[] raw) {
    return input.parse(raw);
  }

  /**
   * Metron's grok rule, stricter than the common one: {@code timestamp} must be a whole number of
   * milliseconds above zero (a captured text {@code timestamp} without {@code timestampField} does
   * not count); {@code original_string} is not checked.
   */
  @Override
  public String invalid(Message message) {
    Object timestamp = message.get(MessageFields.TIMESTAMP);
    if ((timestamp instanceof Long || timestamp instanceof Integer)
        && ((Number) timestamp).longValue() > 0) {
      return null;
    }
    return timestamp == null
        ? "invalid message: no timestamp"
        : "invalid message: timestamp '" + timestamp + "' is not a positive number of milliseconds";
  }

  private Message parseLine(String line) throws BadInputException {
    try {
      return match(line);
    } catch (RegexBudget.ExceededException e) {
      throw new BadInputException("pattern " + patternLabel + ": " + e.getMessage());
    }
  }

  private Message match(String line) throws BadInputException {
    Message message = grok.find(line);
    if (message == null || message.fields().isEmpty()) {
      throw new BadInputException(
          "does not match grok pattern " + patternLabel + (line.isEmpty() ? " (empty line)" : ""));
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    for (String field : timeFields) {
      Object value = message.get(field);
      if (value instanceof String s) {
        Long epoch = dateFormat.parse(s);
        if (epoch == null) {
          throw new BadInputException(
              "field '"
                  + field
                  + "' value '"
                  + s
                  + "' does not fit dateFormat '"
                  + dateFormat.pattern()
                  + "'");
        }
        message.put(field, epoch);
      }
    }
    if (timestampField != null) {
      message.put(
          MessageFields.TIMESTAMP, timestampReader.read(message.get(timestampField), dateFormat));
    }
    message.remove(patternLabel);
    if (postParse != null) {
      postParse.apply(message);
    }
    return message;
  }

  private long millis(Object value, LegacyDateFormat unused) throws BadInputException {
    if (value == null) {
      throw new BadInputException(
          "pattern " + patternLabel + " captured no '" + timestampField + "' (timestampField)");
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    String digits = value.toString().replace(".", "");
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "timestampField '" + timestampField + "' value '" + value + "' is not a number");
    }
  }
}
