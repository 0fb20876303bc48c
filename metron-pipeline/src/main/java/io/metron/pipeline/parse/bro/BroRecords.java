package io.metron.pipeline.parse.bro;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one Bro/Zeek log record into Metron's message shape, as Metron's Bro parser did: {@code
 * original_string} is {@code "<LOGTYPE> | key:value ..."}, {@code ts} becomes {@code timestamp}
 * (milliseconds) plus {@code bro_timestamp} (seconds as text), the connection tuple becomes {@code
 * ip_src_addr}, {@code ip_src_port}, {@code ip_dst_addr}, {@code ip_dst_port} (files logs use the
 * first of {@code tx_hosts}/{@code rx_hosts}), and {@code protocol} is the log type.
 */
final class BroRecords {
  private static final ThreadLocal<DecimalFormat> SECONDS =
      ThreadLocal.withInitial(
          () -> new DecimalFormat("0.0#####", DecimalFormatSymbols.getInstance(Locale.ROOT)));

  private BroRecords() {}

  /** Strips characters other than letters, digits, '.' and '_' from a log type, as Metron did. */
  static String cleanKey(String key) {
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.'
          || c == '_'
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Message normalise(String logType, Map<String, Object> payload) throws BadInputException {
    Message message = Message.of(payload);
    StringBuilder original = new StringBuilder(256);
    original.append(logType.toUpperCase(Locale.ROOT)).append(" |");
    for (Map.Entry<String, Object> e : HashOrderText.entries(payload)) {
      original.append(' ').append(e.getKey()).append(':').append(text(e.getKey(), e.getValue()));
    }
    message.put(MessageFields.ORIGINAL_STRING, original.toString());

    Object ts = message.remove("ts");
    if (ts != null) {
      if (ts instanceof Number n) {
        double seconds = n.doubleValue();
        message.put(MessageFields.TIMESTAMP, (long) (seconds * 1000));
        message.put("bro_timestamp", SECONDS.get().format(seconds));
      } else {
        // Zeek can write ISO 8601 timestamps (LogAscii::json_timestamps).
        try {
          Instant instant = Instant.parse(ts.toString());
          message.put(MessageFields.TIMESTAMP, instant.toEpochMilli());
          message.put("bro_timestamp", ts.toString());
        } catch (DateTimeParseException e) {
          throw new BadInputException(
              "field 'ts' is neither epoch seconds nor an ISO 8601 time: '" + ts + "'");
        }
      }
    }
    if (!move(message, MessageFields.SRC_ADDR, "source_ip", "id.orig_h")) {
      moveFirst(message, MessageFields.SRC_ADDR, "tx_hosts");
    }
    if (!move(message, MessageFields.DST_ADDR, "dest_ip", "id.resp_h")) {
      moveFirst(message, MessageFields.DST_ADDR, "rx_hosts");
    }
    move(message, MessageFields.SRC_PORT, "source_port", "id.orig_p");
    move(message, MessageFields.DST_PORT, "dest_port", "id.resp_p");
    message.put(MessageFields.PROTOCOL, logType);
    return message;
  }

  private static String text(String key, Object value) throws BadInputException {
    if (value == null) {
      // Metron's parser failed on a null value (it called toString on it); so does this one.
      throw new BadInputException("field '" + key + "' is null");
    }
    if (value instanceof Double d) {
      return SECONDS.get().format(d);
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return HashOrderText.json(value);
    }
    return String.valueOf(value);
  }

  private static boolean move(Message message, String to, String... from) {
    for (String key : from) {
      if (message.fields().containsKey(key)) {
        message.put(to, message.remove(key));
        return true;
      }
    }
    return false;
  }

  private static void moveFirst(Message message, String to, String from) {
    if (message.fields().containsKey(from)) {
      Object value = message.remove(from);
      if (value instanceof List<?> list && !list.isEmpty()) {
        message.put(to, list.getFirst());
      }
    }
  }
}
