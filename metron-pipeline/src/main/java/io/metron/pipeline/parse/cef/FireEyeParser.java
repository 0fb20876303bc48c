package io.metron.pipeline.parse.cef;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import io.metron.pipeline.parse.grok.LegacyDateFormat;
import java.time.Clock;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code BasicFireEyeParser}, read as Metron read FireEye CMS/NX notifications ({@code
 * <PRI>Mmm dd hh:mm:ss host fenotify-<id>.alert: CEF:...|k=v k=v ...}):
 *
 * <ul>
 *   <li>text before the last {@code <PRI>} is dropped (relays prefix some);
 *   <li>only a notification whose fifth word is {@code fenotify-<id>.alert:} (one dot: not a
 *       continuation part) has its fields read: the words between the first and the last (the last
 *       is left out, as Metron left it out), with FireEye's keys renamed as Metron renamed them
 *       ({@code cn3} → {@code dst_port}, {@code cs5} → {@code cncHost}, {@code proto} → {@code
 *       protocol}, {@code cs1} → {@code malware}, {@code dst} → {@code dst_ip}, {@code shost} →
 *       {@code src_hostname}, {@code dmac}/{@code smac} → {@code dst_mac}/{@code src_mac}, {@code
 *       spt} → {@code src_port}, {@code src} → {@code src_ip}; the renaming applies to the whole
 *       text, values included), then the {@code key=value} pairs after the last {@code |}, each as
 *       text (a repeated key's values joined with commas);
 *   <li>{@code dvc}, {@code src_port}, {@code dst_ip}, {@code dst_port} are copied to the 5-tuple
 *       fields;
 *   <li>{@code timestamp} is the syslog header's {@code Mmm dd hh:mm:ss} before an IPv4 address, in
 *       the current year, UTC; 0 when there is none.
 * </ul>
 */
public final class FireEyeParser implements TextParser {
  private static final Pattern PRIORITY = Pattern.compile("<[1-9][0-9]*>");
  private static final Pattern HEADER_TIME =
      Pattern.compile("([a-zA-Z]{3})\\s+(\\d+)\\s+(\\d+:\\d+:\\d+)\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)");

  /** A {@code key=value } pair: the value runs to the next key (or the end) and a space. */
  private static final Pattern PAIR = Pattern.compile("(\\w+)=([^=]*)(?=\\s*\\w+=|\\s*$) ");

  private static final String[][] RENAMES = {
    {"cn3", "dst_port"},
    {"cs5", "cncHost"},
    {"proto", "protocol"},
    {"rt=", "timestamp="},
    {"cs1", "malware"},
    {"dst=", "dst_ip="},
    {"shost", "src_hostname"},
    {"dmac", "dst_mac"},
    {"smac", "src_mac"},
    {"spt", "src_port"},
    {"\\bsrc\\b", "src_ip"}
  };

  private static final Map<String, Integer> MONTHS = new LinkedHashMap<>();

  static {
    for (Month month : Month.values()) {
      MONTHS.put(
          month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT),
          month.getValue());
    }
  }

  public static final ParserType TYPE =
      new ParserType(
          "fireeye",
          List.of("org.apache.metron.parsers.fireeye.BasicFireEyeParser"),
          "FireEye notifications (CEF over syslog), read as Metron read them.",
          List.of(),
          Map.of(),
          "<164>Mar 01 10:00:00 10.9.9.9 fenotify-1001.alert: CEF:0|FireEye|CMS|7.0|DM|"
              + "domain-match|1|rt=Mar 01 2024 10:00:00 UTC dvc=10.1.1.1 spt=40000 dst=10.2.2.2"
              + " cn3=53 proto=udp cs1Label=sname cs1=Example.Trojan end",
          settings -> TextParser.whole(settings.charset(), new FireEyeParser(settings.clock())));

  private final Clock clock;
  private final LegacyDateFormat headerTime;

  FireEyeParser(Clock clock) {
    this.clock = clock;
    this.headerTime = new LegacyDateFormat("yyyy-MM-dd HH:mm:ss", ZoneOffset.UTC);
  }

  @Override
  public Message parse(String text) throws BadInputException {
    String line = fromLastPriority(text);
    String[] words = line.split("\\s+");
    if (words.length < 5) {
      throw new BadInputException(
          "not a FireEye notification: expected '<PRI>Mmm dd hh:mm:ss host fenotify-<id>.alert:"
              + " ...', found only "
              + words.length
              + " words");
    }
    Message message = Message.empty();
    if (words[4].split("\\.").length == 2) {
      String body = String.join(" ", Arrays.copyOfRange(words, 1, words.length - 1));
      pairs(body).forEach((k, v) -> message.put(k, String.join(",", v).trim()));
    }
    message.put(MessageFields.ORIGINAL_STRING, line);
    copy(message, "dvc", MessageFields.SRC_ADDR);
    copy(message, "src_port", MessageFields.SRC_PORT);
    copy(message, "dst_ip", MessageFields.DST_ADDR);
    copy(message, "dst_port", MessageFields.DST_PORT);
    message.put(MessageFields.TIMESTAMP, timestamp(line));
    return message;
  }

  /** The text from the first occurrence of the last {@code <PRI>} seen, to the next one. */
  private static String fromLastPriority(String text) {
    Matcher m = PRIORITY.matcher(text);
    String delimiter = null;
    while (m.find()) {
      delimiter = m.group();
    }
    if (delimiter == null) {
      return text;
    }
    String[] parts = text.split(Pattern.quote(delimiter));
    return parts.length > 1 ? delimiter + parts[1] : text;
  }

  private static Map<String, List<String>> pairs(String body) {
    String renamed = body;
    for (String[] rename : RENAMES) {
      renamed = renamed.replaceAll(rename[0], rename[1]);
    }
    String[] sections = renamed.split("\\|");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (sections.length > 0) {
      Matcher m = PAIR.matcher(sections[sections.length - 1]);
      while (m.find()) {
        String[] kv = m.group().split("=");
        out.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
      }
    }
    return out;
  }

  private static void copy(Message message, String from, String to) {
    Object value = message.get(from);
    if (value != null) {
      message.put(to, value);
    }
  }

  private long timestamp(String line) throws BadInputException {
    Matcher m = HEADER_TIME.matcher(line);
    if (!m.find()) {
      return 0L;
    }
    Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
    if (month == null) {
      throw new BadInputException("syslog month '" + m.group(1) + "' is not a month");
    }
    String day = m.group(2).length() <= 1 ? "0" + m.group(2) : m.group(2);
    String text =
        Year.now(clock).getValue()
            + "-"
            + String.format("%02d", month)
            + "-"
            + day
            + " "
            + m.group(3);
    Long millis = headerTime.parse(text);
    if (millis == null) {
      throw new BadInputException("syslog time '" + m.group() + "' is not a valid date");
    }
    return millis;
  }
}
