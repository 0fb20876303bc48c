package io.metron.pipeline.parse.cef;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParserType;
import io.metron.pipeline.parse.TextParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metron's {@code BasicFireEyeParser}: FireEye CMS/NX notifications ({@code
 * <PRI>fenotify-<id>[.<part>].alert: ...}). A complete notification is CEF: its fields are read as
 * by {@link CefParser}, with FireEye's names ({@code cncHost}, {@code sname}, ...) from its labels,
 * and the device address ({@code dvc}) as {@code ip_src_addr} when there is no {@code src}.
 * Continuation parts of long notifications carry no fields beyond {@code fenotify_id} and {@code
 * fenotify_part}; they keep their text in {@code original_string}.
 */
public final class FireEyeParser implements TextParser {
  private static final Pattern PRIORITY = Pattern.compile("<[1-9]\\d{0,2}>");
  private static final Pattern ID = Pattern.compile("fenotify-(\\d+)(?:\\.(\\d+))?\\.alert:");

  public static final ParserType TYPE =
      new ParserType(
          "fireeye",
          List.of("org.apache.metron.parsers.fireeye.BasicFireEyeParser"),
          "FireEye notifications (CEF over syslog).",
          List.of(),
          Map.of(),
          "<164>fenotify-1001.alert: CEF:0|FireEye|CMS|7.0|DM|domain-match|1|rt=Mar 01 2024"
              + " 10:00:00 UTC src=10.1.1.1 spt=40000 dst=10.2.2.2 dpt=53 proto=udp"
              + " cs1Label=sname cs1=Example.Trojan",
          settings -> TextParser.whole(settings.charset(), new FireEyeParser(settings.clock())));

  private final CefParser cef;
  private final Clock clock;

  FireEyeParser(Clock clock) {
    this.cef = new CefParser(clock);
    this.clock = clock;
  }

  @Override
  public Message parse(String text) throws BadInputException {
    // Some relays put text before the priority: the last <PRI> starts the real message.
    Matcher p = PRIORITY.matcher(text);
    int start = -1;
    while (p.find()) {
      start = p.start();
    }
    String line = start > 0 ? text.substring(start) : text;
    if (line.contains("CEF:")) {
      Message message = cef.parse(line);
      decorate(message, line);
      return message;
    }
    Matcher id = ID.matcher(line);
    if (!id.find()) {
      throw new BadInputException(
          "not a FireEye notification: no 'fenotify-<id>.alert:' tag and no CEF");
    }
    Message message = Message.empty();
    message.put("fenotify_id", id.group(1));
    message.put("fenotify_part", id.group(2));
    message.put(MessageFields.ORIGINAL_STRING, line);
    message.put(MessageFields.TIMESTAMP, clock.millis());
    return message;
  }

  private static void decorate(Message message, String line) {
    Matcher id = ID.matcher(line);
    if (id.find()) {
      message.put("fenotify_id", id.group(1));
      message.put("fenotify_part", id.group(2));
    }
    if (!message.has(MessageFields.SRC_ADDR) && message.has("dvc")) {
      message.put(MessageFields.SRC_ADDR, message.get("dvc"));
    }
    message.remove("host");
  }
}
