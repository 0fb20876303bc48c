package io.metron.pipeline.parse.grok;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Metron's {@code GrokWebSphereParser}: IBM DataPower syslog via grok (default {@code
 * /patterns/websphere}, label {@code WEBSPHERE}, {@code timestampField} {@code timestamp_string}
 * read with {@code dateFormat} {@code yyyy MMM dd HH:mm:ss} after the current year, as Metron's
 * shipped sensor config had it; a time that does not read gives the time of parsing). Then, as
 * Metron did: empty fields are dropped, {@code timestamp_string} is removed, and the message text
 * is decoded by what it contains: "logged into" gives {@code event_subtype} {@code login}, {@code
 * username} from {@code user(...)} and {@code ip_src_addr} from {@code [...]}; "logged out" gives
 * {@code logout}, {@code ip_src_addr}, {@code username} and {@code security_domain} from the quoted
 * parts; any other text with a {@code (} gives {@code process} (the text before it) and, after the
 * first {@code :}, the rest of the {@code message}.
 */
public final class WebsphereParser {
  private static final Pattern FOUR_QUOTES = Pattern.compile(".*'.*'.*'.*'.*", Pattern.DOTALL);

  public static final ParserType TYPE =
      new ParserType(
          "websphere",
          List.of("org.apache.metron.parsers.websphere.GrokWebSphereParser"),
          "IBM WebSphere DataPower syslog (grok), with login, logout and process decoding.",
          GrokParser.OPTIONS,
          Map.of("grokPath", "/patterns/websphere", "patternLabel", "WEBSPHERE"),
          "<134>Mar  1 10:00:00 DPX01 [0x81000019][auth][info] [10.3.3.3]: User 'alice'"
              + " logged out from 'default'.",
          WebsphereParser::create);

  static final String TIMESTAMP_FIELD = "timestamp_string";
  static final String DATE_FORMAT = "yyyy MMM dd HH:mm:ss";

  private WebsphereParser() {}

  static GrokParser create(ParserSettings settings) throws ParserConfigException {
    Clock clock = settings.clock();
    return GrokParser.create(
        settings,
        settings.string("grokPath", "/patterns/websphere"),
        settings.string("patternLabel", "WEBSPHERE"),
        settings.string("dateFormat", DATE_FORMAT),
        settings.string("timestampField", TIMESTAMP_FIELD),
        WebsphereParser::decode,
        (value, format) -> time(value, format, clock));
  }

  /** Metron read the year-less syslog time after the current year, else used the clock. */
  private static long time(Object value, LegacyDateFormat format, Clock clock) {
    if (value != null) {
      Long millis = format.parse(Year.now(clock).getValue() + " " + value);
      if (millis != null) {
        return millis;
      }
    }
    return clock.millis();
  }

  private static void decode(Message message) {
    message.fields().values().removeIf(v -> v == null || v.toString().isEmpty());
    message.remove(TIMESTAMP_FIELD);
    if (!(message.get("message") instanceof String text)) {
      return;
    }
    if (text.contains("logged into")) {
      message.put("event_subtype", "login");
      if (text.contains(":")) {
        String[] parts = text.split(":");
        String user = parts[0];
        if (user.contains("user(") && user.contains(")")) {
          user = user.substring(user.indexOf("user(") + "user(".length());
          message.put("username", user.substring(0, user.indexOf(')')));
        }
        if (parts.length > 1) {
          bracketed(parts[1], message);
        }
        message.remove("message");
      }
    } else if (text.contains("logged out")) {
      message.put("event_subtype", "logout");
      if (FOUR_QUOTES.matcher(text).matches()) {
        String[] parts = text.split("'");
        bracketed(parts[0], message);
        message.put("username", parts[1]);
        message.put("security_domain", parts[3]);
        message.remove("message");
      }
    } else if (text.contains("(")) {
      message.put("process", text.substring(0, text.indexOf('(')));
      int colon = text.indexOf(':');
      if (colon >= 0) {
        message.put("message", text.substring(Math.min(text.length(), colon + 2)));
      }
    }
  }

  /** The address between the first {@code [} and the {@code ]} after it, as ip_src_addr. */
  private static void bracketed(String part, Message message) {
    int open = part.indexOf('[');
    if (open >= 0 && part.indexOf(']') >= 0) {
      String rest = part.substring(open + 1);
      int close = rest.indexOf(']');
      if (close >= 0) {
        message.put(MessageFields.SRC_ADDR, rest.substring(0, close));
      }
    }
  }
}
