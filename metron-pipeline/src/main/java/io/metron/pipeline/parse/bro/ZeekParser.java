package io.metron.pipeline.parse.bro;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserOption;
import io.metron.pipeline.parse.ParserType;
import java.util.List;
import java.util.Map;

/**
 * Zeek JSON logs of any type, as Zeek writes them itself ({@code LogAscii::use_json}): one flat
 * record per line, {@code ts} in epoch seconds or ISO 8601. Also accepts the Bro plugin's wrapped
 * form. The log type (which becomes {@code protocol}) comes from {@code _path} when the record has
 * it, else from the {@code logType} option, else from the record's characteristic fields.
 */
public final class ZeekParser implements Parser {
  public static final ParserType TYPE =
      new ParserType(
          "zeek",
          List.of(),
          "Zeek JSON logs of any type (conn, dns, http, ssl, files, notice, ...), flat or wrapped;"
              + " same fields as bro.",
          List.of(
              ParserOption.optional(
                  "logType",
                  "string",
                  null,
                  "The log type when records carry no _path, e.g. dns for a topic fed from"
                      + " dns.log; when absent it is inferred from the record's fields.")),
          Map.of("logType", "conn"),
          "{\"ts\":\"2024-01-02T03:04:05.678901Z\",\"uid\":\"Cx2\",\"id.orig_h\":\"10.1.1.1\","
              + "\"id.orig_p\":40001,\"id.resp_h\":\"10.2.2.2\",\"id.resp_p\":443,\"proto\":\"tcp\","
              + "\"conn_state\":\"SF\"}",
          settings -> new ZeekParser(settings.string("logType")));

  private final String logType;

  public ZeekParser(String logType) {
    this.logType = logType;
  }

  @Override
  public ParseResult parse(byte[] raw) {
    try {
      Message record = MessageCodec.read(raw);
      Map<String, Object> fields = record.fields();
      if (fields.isEmpty()) {
        throw new BadInputException("empty JSON object: expected a Zeek log record");
      }
      String type = null;
      if (fields.size() == 1
          && fields.values().iterator().next() instanceof Map<?, ?> inner
          && !fields.containsKey("ts")) {
        type = BroRecords.cleanKey(fields.keySet().iterator().next());
        @SuppressWarnings("unchecked")
        Map<String, Object> unwrapped = (Map<String, Object>) inner;
        fields = unwrapped;
      }
      Object path = fields.remove("_path");
      if (type == null) {
        type = path != null ? path.toString() : logType != null ? logType : infer(fields);
      }
      return ParseResult.of(BroRecords.normalise(type, fields));
    } catch (MessageFormatException e) {
      return ParseResult.error(e.getMessage());
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }

  /** Guesses the log type from fields only that log has; {@code zeek} when nothing fits. */
  static String infer(Map<String, Object> f) {
    if (f.containsKey("conn_state") || f.containsKey("orig_ip_bytes")) {
      return "conn";
    }
    if (f.containsKey("qtype_name") || f.containsKey("rcode_name") || f.containsKey("query")) {
      return "dns";
    }
    if (f.containsKey("status_code") || f.containsKey("user_agent") || f.containsKey("uri")) {
      return "http";
    }
    if (f.containsKey("server_name") || f.containsKey("cipher") || f.containsKey("ja3")) {
      return "ssl";
    }
    if (f.containsKey("fuid") && (f.containsKey("mime_type") || f.containsKey("seen_bytes"))) {
      return "files";
    }
    if (f.containsKey("note")) {
      return "notice";
    }
    if (f.containsKey("certificate.subject") || f.containsKey("certificate.serial")) {
      return "x509";
    }
    if (f.containsKey("helo") || f.containsKey("mailfrom")) {
      return "smtp";
    }
    if (f.containsKey("auth_success") && f.containsKey("client")) {
      return "ssh";
    }
    if (f.containsKey("assigned_addr")
        || f.containsKey("assigned_ip")
        || f.containsKey("lease_time")) {
      return "dhcp";
    }
    if (f.containsKey("name") && f.containsKey("peer") && f.containsKey("notice")) {
      return "weird";
    }
    if (f.containsKey("software_type")) {
      return "software";
    }
    return "zeek";
  }
}
