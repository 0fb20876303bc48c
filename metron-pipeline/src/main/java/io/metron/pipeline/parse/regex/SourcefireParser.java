package io.metron.pipeline.parse.regex;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code BasicSourcefireParser}: Sourcefire / Firepower IPS syslog. The trailing {@code
 * {PROTO} src:port -> dst:port} gives {@code protocol} and the 5-tuple; as in Metron, {@code
 * timestamp} is the time of parsing (the events carry none).
 */
public final class SourcefireParser implements TextParser {
  private static final Pattern TUPLE =
      Pattern.compile(
          "\\{(\\w+)}\\s+([0-9A-Fa-f.:]+?)(?::(\\d+))?\\s+->\\s+([0-9A-Fa-f.:]+?)(?::(\\d+))?\\s*$");

  public static final ParserType TYPE =
      new ParserType(
          "sourcefire",
          List.of("org.apache.metron.parsers.sourcefire.BasicSourcefireParser"),
          "Sourcefire/Firepower IPS syslog with a '{PROTO} src:port -> dst:port' tuple.",
          List.of(),
          Map.of(),
          "SFIMS: [1:2000:3] \"Example rule\" [Classification: Misc] [Priority: 2] {TCP}"
              + " 10.1.1.1:40000 -> 10.2.2.2:80",
          settings -> TextParser.whole(settings.charset(), new SourcefireParser(settings.clock())));

  private final Clock clock;

  SourcefireParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Message parse(String text) throws BadInputException {
    String line = text.strip();
    Matcher m = TUPLE.matcher(line);
    if (!m.find()) {
      throw new BadInputException(
          "not a Sourcefire event: no '{PROTO} src[:port] -> dst[:port]' at the end of the line");
    }
    Message message = Message.empty();
    message.put(MessageFields.PROTOCOL, m.group(1).toUpperCase(Locale.ROOT));
    message.put(MessageFields.SRC_ADDR, m.group(2));
    message.put(MessageFields.SRC_PORT, port(m.group(3), "source"));
    message.put(MessageFields.DST_ADDR, m.group(4));
    message.put(MessageFields.DST_PORT, port(m.group(5), "destination"));
    message.put(MessageFields.ORIGINAL_STRING, line);
    message.put(MessageFields.TIMESTAMP, clock.millis());
    return message;
  }

  private static Long port(String digits, String side) throws BadInputException {
    if (digits == null) {
      return null;
    }
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      throw new BadInputException(side + " port " + digits + " is out of range (0-65535)");
    }
    return Long.parseLong(digits);
  }
}
