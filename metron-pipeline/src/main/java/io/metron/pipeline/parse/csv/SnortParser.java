package io.metron.pipeline.parse.csv;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Metron's {@code BasicSnortParser}: Snort's CSV alert output with its fixed 27 columns. Values
 * stay text, as Metron left them; {@code timestamp} is read with {@code dateFormat} in {@code
 * timeZone}; every message is an alert ({@code is_alert: "true"}).
 */
public final class SnortParser implements TextParser {
  static final List<String> FIELDS =
      List.of(
          MessageFields.TIMESTAMP,
          "sig_generator",
          "sig_id",
          "sig_rev",
          "msg",
          MessageFields.PROTOCOL,
          MessageFields.SRC_ADDR,
          MessageFields.SRC_PORT,
          MessageFields.DST_ADDR,
          MessageFields.DST_PORT,
          "ethsrc",
          "ethdst",
          "ethlen",
          "tcpflags",
          "tcpseq",
          "tcpack",
          "tcplen",
          "tcpwindow",
          "ttl",
          "tos",
          "id",
          "dgmlen",
          "iplen",
          "icmptype",
          "icmpcode",
          "icmpid",
          "icmpseq");
  static final String DEFAULT_DATE_FORMAT = "MM/dd/yy-HH:mm:ss.SSSSSS";

  public static final ParserType TYPE =
      new ParserType(
          "snort",
          List.of("org.apache.metron.parsers.snort.BasicSnortParser"),
          "Snort alerts in CSV output format (27 columns).",
          List.of(
              ParserOption.optional(
                  "dateFormat",
                  "string",
                  DEFAULT_DATE_FORMAT,
                  "java.time pattern of the alert time column"),
              ParserOption.optional("timeZone", "string", "UTC", "Time zone of the alert times")),
          Map.of(),
          "03/01/24-10:00:00.123456 ,1,2000001,3,\"Example rule\",TCP,10.1.1.1,40000,10.2.2.2,80,"
              + "00:11:22:33:44:55,66:77:88:99:AA:BB,0x4A,***AP***,0x1,0x2,,0xFFFF,64,0,1,60,"
              + "61440,,,,",
          settings -> TextParser.whole(settings.charset(), create(settings)));

  private final DateTimeFormatter format;

  private SnortParser(DateTimeFormatter format) {
    this.format = format;
  }

  static SnortParser create(ParserSettings settings) throws ParserConfigException {
    String pattern = settings.string("dateFormat", DEFAULT_DATE_FORMAT);
    ZoneId zone = settings.zone("timeZone", ZoneOffset.UTC);
    try {
      return new SnortParser(DateTimeFormatter.ofPattern(pattern).withZone(zone));
    } catch (IllegalArgumentException e) {
      throw settings.problem(
          "dateFormat", "invalid date pattern '" + pattern + "': " + e.getMessage());
    }
  }

  @Override
  public Message parse(String line) throws BadInputException {
    List<String> values = CsvLine.split(line.strip(), ',', false);
    if (values.size() != FIELDS.size()) {
      throw new BadInputException(
          "expected "
              + FIELDS.size()
              + " comma-separated Snort alert fields, found "
              + values.size());
    }
    Message message = Message.empty();
    for (int i = 0; i < FIELDS.size(); i++) {
      message.put(FIELDS.get(i), values.get(i));
    }
    String time = values.getFirst().strip();
    try {
      message.put(
          MessageFields.TIMESTAMP, ZonedDateTime.parse(time, format).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new BadInputException("alert time '" + time + "' does not fit dateFormat");
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    message.put(MessageFields.IS_ALERT, "true");
    return message;
  }
}
