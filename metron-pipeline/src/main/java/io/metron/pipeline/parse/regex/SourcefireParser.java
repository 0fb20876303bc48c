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
 * Metron's {@code BasicSourcefireParser}: Sourcefire / Firepower IPS syslog, read as Metron read
 * it. The text from the last {@code {} is kept as {@code key}; {@code {PROTO} src[:port] ->
 * dst[:port]} gives {@code protocol} (lower case) and the addresses, with ports as text; the rule
 * id {@code [gid:sid:rev]} becomes {@code signature_id} ({@code ""} when absent), and {@code
 * original_string} is the text with single spaces put around that id, as Metron rebuilt it. As in
 * Metron, {@code timestamp} is the time of parsing (the events carry none).
 */
public final class SourcefireParser implements TextParser {
  private static final Pattern SID = Pattern.compile("(.*)(\\[[0-9]+:[0-9]+:[0-9]\\])(.*)$");

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
    int brace = text.lastIndexOf('{');
    String key = brace < 0 ? "" : text.substring(brace);
    int close = key.indexOf('}');
    int arrow = key.indexOf("->");
    if (brace < 0 || close < 0 || arrow < close) {
      throw new BadInputException(
          "not a Sourcefire event: no '{PROTO} src[:port] -> dst[:port]' at the end of the line");
    }
    Message message = Message.empty();
    message.put("key", key);
    message.put(MessageFields.PROTOCOL, key.substring(1, close).toLowerCase(Locale.ROOT));
    endpoint(key.substring(close + 1, arrow).trim(), "src", message);
    endpoint(key.substring(arrow + 2).trim(), "dst", message);
    message.put(MessageFields.TIMESTAMP, clock.millis());
    Matcher sid = SID.matcher(text);
    if (sid.find()) {
      message.put(
          MessageFields.ORIGINAL_STRING, sid.group(1) + " " + sid.group(2) + " " + sid.group(3));
      message.put("signature_id", sid.group(2));
    } else {
      message.put(MessageFields.ORIGINAL_STRING, text);
      message.put("signature_id", "");
    }
    return message;
  }

  /** {@code addr:port} split on its colons as Metron did (first part address, second port). */
  private static void endpoint(String endpoint, String side, Message message) {
    if (endpoint.contains(":")) {
      String[] parts = endpoint.split(":");
      message.put("ip_" + side + "_addr", parts.length > 0 ? parts[0] : "");
      if (parts.length > 1) {
        message.put("ip_" + side + "_port", parts[1]);
      }
    } else {
      message.put("ip_" + side + "_addr", endpoint);
    }
  }
}
