package io.metron.pipeline.parse.grok;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.syslog.SyslogPriority;
import io.metron.pipeline.parse.syslog.SyslogTime;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metron's {@code BasicAsaParser}: Cisco ASA syslog. The tagged syslog header gives {@code
 * timestamp}, {@code ciscotag}, {@code syslog_severity}, {@code syslog_facility}, {@code
 * syslog_host} and {@code syslog_prog}; for the message ids Metron knew, a per-id pattern adds the
 * 5-tuple, {@code protocol} and {@code action} (lower case). Other ids keep the header fields only.
 */
public final class AsaParser implements Parser {
  private static final Map<String, String> PATTERNS = new HashMap<>();

  static {
    id("CISCOFW106001", "ASA-2-106001");
    id("CISCOFW106006_106007_106010", "ASA-2-106006", "ASA-2-106007", "ASA-2-106010");
    id("CISCOFW106014", "ASA-3-106014");
    id("CISCOFW106015", "ASA-6-106015");
    id("CISCOFW106021", "ASA-1-106021");
    id("CISCOFW106023", "ASA-4-106023");
    id("CISCOFW106100", "ASA-5-106100");
    id("CISCOFW110002", "ASA-6-110002");
    id("CISCOFW302010", "ASA-6-302010");
    id(
        "CISCOFW302013_302014_302015_302016",
        "ASA-6-302013",
        "ASA-6-302014",
        "ASA-6-302015",
        "ASA-6-302016");
    id("CISCOFW302020_302021", "ASA-6-302020", "ASA-6-302021");
    id("CISCOFW305011", "ASA-6-305011");
    id("CISCOFW305012", "ASA-6-305012");
    id("CISCOFW313001_313004_313008", "ASA-3-313001", "ASA-3-313004", "ASA-3-313008");
    id("CISCOFW313005", "ASA-4-313005");
    id("CISCOFW402117", "ASA-4-402117");
    id("CISCOFW402119", "ASA-4-402119");
    id("CISCOFW419001", "ASA-4-419001");
    id("CISCOFW419002", "ASA-4-419002");
    id("CISCOFW500004", "ASA-4-500004");
    id("CISCOFW602303_602304", "ASA-6-602303", "ASA-6-602304");
    id("CISCOFW609001", "ASA-7-609001");
    id("CISCOFW609002", "ASA-7-609002");
    id(
        "CISCOFW710001_710002_710003_710005_710006",
        "ASA-7-710001",
        "ASA-7-710002",
        "ASA-7-710003",
        "ASA-7-710005",
        "ASA-7-710006");
    id("CISCOFW713041", "ASA-5-713041");
    id("CISCOFW713172", "ASA-6-713172");
    id("CISCOFW733100", "ASA-4-733100");
  }

  private static void id(String pattern, String... ids) {
    for (String id : ids) {
      PATTERNS.put(id, pattern);
    }
  }

  public static final ParserType TYPE =
      new ParserType(
          "asa",
          List.of("org.apache.metron.parsers.asa.BasicAsaParser"),
          "Cisco ASA firewall syslog, with the 5-tuple for Metron's known message ids.",
          List.of(
              ParserOption.optional(
                  "deviceTimeZone",
                  "string",
                  "UTC",
                  "Time zone of the device clock, for the header times that carry none")),
          Map.of("deviceTimeZone", "UTC"),
          "<166>Mar  1 10:00:00 10.9.9.1 %ASA-6-302013: Built outbound TCP connection 42 for"
              + " outside:10.20.30.40/443 (10.20.30.40/443) to inside:10.1.1.5/51000"
              + " (10.50.1.5/51000)",
          AsaParser::create);

  private final Grok header;
  private final Map<String, Grok> messages;
  private final ZoneId zone;
  private final Clock clock;
  private final Charset charset;

  private AsaParser(
      Grok header, Map<String, Grok> messages, ZoneId zone, Clock clock, Charset charset) {
    this.header = header;
    this.messages = messages;
    this.zone = zone;
    this.clock = clock;
    this.charset = charset;
  }

  static AsaParser create(ParserSettings settings) throws ParserConfigException {
    try {
      Map<String, String> library = GrokLibrary.load("/patterns/asa");
      Grok header = Grok.compile("%{CISCO_TAGGED_SYSLOG}", library);
      Map<String, Grok> compiled = new HashMap<>();
      Map<String, Grok> byPattern = new HashMap<>();
      for (Map.Entry<String, String> e : PATTERNS.entrySet()) {
        Grok grok = byPattern.get(e.getValue());
        if (grok == null) {
          grok = Grok.compile("%{" + e.getValue() + "}", library);
          byPattern.put(e.getValue(), grok);
        }
        compiled.put(e.getKey(), grok);
      }
      return new AsaParser(
          header,
          Map.copyOf(compiled),
          settings.zone("deviceTimeZone", ZoneOffset.UTC),
          settings.clock(),
          settings.charset());
    } catch (GrokException e) {
      throw new ParserConfigException(settings.file(), "$.parserClassName", e.getMessage());
    }
  }

  @Override
  public ParseResult parse(byte[] raw) {
    String line = new String(raw, charset);
    try {
      Message head = header.find(line);
      if (head == null) {
        throw new BadInputException(
            "not Cisco ASA syslog: expected '<PRI>Mmm dd hh:mm:ss host %ASA-n-nnnnnn: text'");
      }
      Message message = Message.empty();
      message.put(MessageFields.ORIGINAL_STRING, line);
      Object time = head.get("cisco_timestamp");
      message.put(MessageFields.TIMESTAMP, time == null ? clock.millis() : time(time.toString()));
      String tag = head.get("ciscotag").toString();
      message.put("ciscotag", tag);
      if (head.get("syslog_pri") instanceof Long pri) {
        message.put("syslog_severity", SyslogPriority.severity(pri.intValue()));
        message.put("syslog_facility", SyslogPriority.facility(pri.intValue()));
      }
      message.put("syslog_host", head.get("syslog_host"));
      message.put("syslog_prog", head.get("syslog_prog"));
      // Metron looked patterns up by the whole tag, severity included: "ASA-6-302013".
      Grok body = messages.get(tag);
      Object text = head.get("message");
      if (body != null && text != null) {
        Message fields = body.find(text.toString());
        if (fields != null) {
          message.put(MessageFields.SRC_ADDR, fields.get("src_ip"));
          message.put(MessageFields.SRC_PORT, fields.get("src_port"));
          message.put(MessageFields.DST_ADDR, fields.get("dst_ip"));
          message.put(MessageFields.DST_PORT, fields.get("dst_port"));
          if (fields.get("protocol") != null) {
            message.put(
                MessageFields.PROTOCOL, fields.get("protocol").toString().toLowerCase(Locale.ROOT));
          }
          if (fields.get("action") != null) {
            message.put("action", fields.get("action").toString().toLowerCase(Locale.ROOT));
          }
        }
      }
      return ParseResult.of(message);
    } catch (BadInputException e) {
      return ParseResult.error(e);
    } catch (RegexBudget.ExceededException e) {
      return ParseResult.error("Cisco ASA patterns: " + e.getMessage());
    }
  }

  private long time(String text) throws BadInputException {
    try {
      return SyslogTime.parse(text, clock, zone);
    } catch (DateTimeException e) {
      throw new BadInputException("syslog time '" + text + "' is not a valid date");
    }
  }
}
