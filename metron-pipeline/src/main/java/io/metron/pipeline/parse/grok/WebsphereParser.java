package io.metron.pipeline.parse.grok;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserSettings;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.syslog.SyslogTime;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code GrokWebSphereParser}: IBM DataPower syslog via grok (default {@code
 * /patterns/websphere}, label {@code WEBSPHERE}), then the message text is decoded: logins and
 * logouts give {@code username}, {@code ip_src_addr} and {@code event_subtype}; {@code
 * process(...)}: prefixes give {@code process} and the rest stays in {@code message}.
 */
public final class WebsphereParser {
  private static final Pattern LOGIN =
      Pattern.compile("^user\\(([^)]*)\\): \\[([^\\]]*)\\]: User logged into '([^']*)'\\.?\\s*$");
  private static final Pattern LOGOUT =
      Pattern.compile("^\\[([^\\]]*)\\]: User '([^']*)' logged out from '([^']*)'\\.?\\s*$");
  private static final Pattern PROCESS =
      Pattern.compile("^(\\w+)\\([^)]*\\): (.*)$", Pattern.DOTALL);

  public static final ParserType TYPE =
      new ParserType(
          "websphere",
          List.of("org.apache.metron.parsers.websphere.GrokWebSphereParser"),
          "IBM WebSphere DataPower syslog (grok), with login, logout and process decoding.",
          GrokParser.OPTIONS.stream().filter(o -> !o.name().equals("timestampField")).toList(),
          Map.of("grokPath", "/patterns/websphere", "patternLabel", "WEBSPHERE"),
          "<134>Mar  1 10:00:00 DPX01 [0x81000019][auth][info] [10.3.3.3]: User 'alice'"
              + " logged out from 'default'.",
          WebsphereParser::create);

  private WebsphereParser() {}

  static GrokParser create(ParserSettings settings) throws ParserConfigException {
    Clock clock = settings.clock();
    ZoneId zone = settings.zone("timeZone", ZoneOffset.UTC);
    return GrokParser.create(
        settings,
        settings.string("grokPath", "/patterns/websphere"),
        settings.string("patternLabel", "WEBSPHERE"),
        settings.string("dateFormat", GrokParser.DEFAULT_DATE_FORMAT),
        message -> decode(message, clock, zone));
  }

  private static void decode(Message message, Clock clock, ZoneId zone) throws BadInputException {
    Object time = message.remove("timestamp_string");
    if (time != null) {
      try {
        message.put(MessageFields.TIMESTAMP, SyslogTime.parse(time.toString(), clock, zone));
      } catch (DateTimeException e) {
        throw new BadInputException("syslog time '" + time + "' is not a valid date");
      }
    }
    Object text = message.get("message");
    if (text == null) {
      return;
    }
    String body = text.toString();
    Matcher m;
    if ((m = LOGIN.matcher(body)).matches()) {
      message.remove("message");
      message.put("username", m.group(1));
      message.put(MessageFields.SRC_ADDR, m.group(2));
      message.putIfAbsent("security_domain", m.group(3));
      message.put("event_subtype", "login");
    } else if ((m = LOGOUT.matcher(body)).matches()) {
      message.remove("message");
      message.put(MessageFields.SRC_ADDR, m.group(1));
      message.put("username", m.group(2));
      message.putIfAbsent("security_domain", m.group(3));
      message.put("event_subtype", "logout");
    } else if ((m = PROCESS.matcher(body)).matches()) {
      message.put("process", m.group(1));
      message.put("message", m.group(2));
    }
  }
}
