package io.metron.pipeline.parse.csv;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.LineParser;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.grok.LegacyDateFormat;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code CSVParser}: each line is split on {@code separator} and its columns named by
 * {@code columns} (a list, or a map of name to position). Lines starting with {@code #} are
 * comments. {@code timestamp} is read with {@code timestampFormat}, or as epoch milliseconds (a
 * value that reads as neither is an error); as in Metron, a line without the column gets the time
 * of parsing.
 */
public final class CsvParser implements TextParser {
  public static final ParserType TYPE =
      new ParserType(
          "csv",
          List.of("org.apache.metron.parsers.csv.CSVParser"),
          "Delimited text with named columns.",
          List.of(
              ParserOption.required(
                  "columns",
                  "list of strings or map",
                  "Column names in order, or a map of column name to zero-based position"),
              ParserOption.optional("separator", "string", ",", "The one-character delimiter"),
              ParserOption.optional(
                  "timestampFormat",
                  "string",
                  null,
                  "SimpleDateFormat pattern of the timestamp column; without it the column holds"
                      + " epoch milliseconds")),
          Map.of("columns", List.of("timestamp", "ip_src_addr", "ip_dst_addr", "action")),
          "1709287200000,10.0.0.1,10.0.0.2,allow",
          settings ->
              new LineParser(
                  settings.charset(),
                  create(settings),
                  line -> line.stripLeading().startsWith("#"),
                  null));

  private final Map<String, Integer> columns;
  private final char separator;
  private final LegacyDateFormat timestampFormat;
  private final Clock clock;

  private CsvParser(
      Map<String, Integer> columns, char separator, LegacyDateFormat format, Clock clock) {
    this.clock = clock;
    this.columns = columns;
    this.separator = separator;
    this.timestampFormat = format;
  }

  static CsvParser create(ParserSettings settings) throws ParserConfigException {
    Map<String, Integer> columns = new LinkedHashMap<>();
    Object spec = settings.values().get("columns");
    if (spec instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof Number n) || n.intValue() < 0) {
          throw settings.problem(
              "columns", "column '" + e.getKey() + "' needs a position (0 or more)");
        }
        columns.put(e.getKey().toString(), n.intValue());
      }
    } else {
      List<String> names = settings.strings("columns");
      for (int i = 0; i < names.size(); i++) {
        columns.put(names.get(i).trim(), i);
      }
    }
    if (columns.isEmpty()) {
      throw settings.problem("columns", "is required: name the columns");
    }
    String separator = settings.string("separator", ",");
    if (separator.length() != 1) {
      throw settings.problem("separator", "must be one character, found '" + separator + "'");
    }
    String format = settings.string("timestampFormat");
    LegacyDateFormat dates = null;
    if (format != null) {
      try {
        dates = new LegacyDateFormat(format, settings.zone("timeZone", ZoneOffset.UTC));
      } catch (IllegalArgumentException e) {
        throw settings.problem("timestampFormat", "invalid date pattern '" + format + "'");
      }
    }
    return new CsvParser(
        Collections.unmodifiableMap(columns), separator.charAt(0), dates, settings.clock());
  }

  /** One line (comments and blank lines never get here). */
  @Override
  public Message parse(String line) throws BadInputException {
    List<String> fields = CsvLine.split(line, separator, false);
    Message message = Message.empty();
    for (Map.Entry<String, Integer> column : columns.entrySet()) {
      int at = column.getValue();
      if (at >= fields.size()) {
        throw new BadInputException(
            "line has "
                + fields.size()
                + " fields, but column '"
                + column.getKey()
                + "' is field "
                + (at + 1));
      }
      message.put(column.getKey(), fields.get(at).strip());
    }
    Object time = message.get(MessageFields.TIMESTAMP);
    if (time == null) {
      message.put(MessageFields.TIMESTAMP, clock.millis());
    } else {
      String text = time.toString();
      Long millis;
      if (timestampFormat != null) {
        millis = timestampFormat.parse(text);
      } else {
        try {
          millis = Long.parseLong(text);
        } catch (NumberFormatException e) {
          millis = null;
        }
      }
      if (millis == null) {
        // Metron kept such a value as text (and logged it); every later stage here needs a number.
        throw new BadInputException(
            "timestamp '"
                + text
                + "' is not "
                + (timestampFormat == null
                    ? "epoch milliseconds"
                    : "in timestampFormat '" + timestampFormat.pattern() + "'"));
      }
      message.put(MessageFields.TIMESTAMP, millis);
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    return message;
  }
}
