package io.metron.pipeline.parse.csv;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.parse.BadInputException;
import io.metron.pipeline.parse.ParseResult;
import io.metron.pipeline.parse.Parser;
import io.metron.pipeline.parse.ParserType;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metron's {@code BasicPaloAltoFirewallParser}: PAN-OS syslog in CSV (TRAFFIC, THREAT, CONFIG and
 * SYSTEM logs, PAN-OS 6.0 to 8.x layouts, told apart by their field count). Fields keep Metron's
 * names ({@code ip_src_addr}, {@code natsrc}, {@code rule}, {@code app}, ...) and stay text; {@code
 * parser_version} says which layout was read. As in Metron, {@code timestamp} is the time of
 * parsing, since PAN-OS times carry no zone.
 */
public final class PaloAltoParser implements Parser {
  // Positions 7..30, shared by TRAFFIC and THREAT.
  private static final String[] SESSION = {
    MessageFields.SRC_ADDR,
    MessageFields.DST_ADDR,
    "natsrc",
    "natdst",
    "rule",
    "srcuser",
    "dstuser",
    "app",
    "vsys",
    "from",
    "to",
    "inbound_if",
    "outbound_if",
    "log_action",
    "start",
    "sessionid",
    "repeatcnt",
    MessageFields.SRC_PORT,
    MessageFields.DST_PORT,
    "natsport",
    "natdport",
    "flags",
    MessageFields.PROTOCOL,
    "action"
  };
  // THREAT positions 31..44.
  private static final String[] THREAT = {
    "url",
    "threatid",
    "category",
    "severity",
    "direction",
    "seqno",
    "actionflags",
    "srcloc",
    "dstloc",
    null,
    "contenttype",
    "pcap_id",
    "filedigest",
    "cloud"
  };
  private static final String[] THREAT_61 = {
    "user_agent", "filetype", "xff", "referer", "sender", "subject", "recipient", "reportid"
  };
  private static final String[] VSYS_70 = {
    "dg_hier_level_1",
    "dg_hier_level_2",
    "dg_hier_level_3",
    "dg_hier_level_4",
    "vsys_name",
    "device_name"
  };
  private static final String[] THREAT_80 = {
    "source_vm_uuid",
    "destination_vm_uuid",
    "http_method",
    "tunnel_id",
    "monitor_tag",
    "parent_session_id",
    "parent_session_start_time",
    "tunnel_type",
    "threat_category",
    "content_version"
  };
  // TRAFFIC positions 31..45.
  private static final String[] TRAFFIC = {
    "bytes",
    "bytes_sent",
    "bytes_received",
    "packets",
    "start",
    "elapsed",
    "category",
    null,
    "seqno",
    "actionflags",
    "srcloc",
    "dstloc",
    null,
    "pkts_sent",
    "pkts_received"
  };
  private static final String[] TRAFFIC_80 = {
    "source_vm_uuid",
    "destination_vm_uuid",
    "tunnel_id",
    "monitor_tag",
    "parent_session_id",
    "parent_session_start_time",
    "tunnel_type"
  };

  public static final ParserType TYPE =
      new ParserType(
          "paloalto",
          List.of("org.apache.metron.parsers.paloalto.BasicPaloAltoFirewallParser"),
          "Palo Alto Networks PAN-OS firewall syslog (TRAFFIC, THREAT, CONFIG, SYSTEM).",
          List.of(),
          Map.of(),
          "<14>Mar  1 10:00:00 PA-1 1,2024/03/01 10:00:00,0001,TRAFFIC,end,1,2024/03/01 10:00:00,"
              + "10.1.1.1,10.2.2.2,0.0.0.0,0.0.0.0,allow-web,,,web-browsing,vsys1,trust,untrust,"
              + "ethernet1/1,ethernet1/2,default,2024/03/01 10:00:00,100,1,50000,443,0,0,0x0,tcp,"
              + "allow,1000,400,600,10,2024/03/01 09:59:50,10,any,0,1,0x0,10.0.0.0-10.255.255.255,"
              + "US,0,5,5,tcp-fin",
          settings -> new PaloAltoParser(settings.clock(), settings.charset()));

  private final Clock clock;
  private final Charset charset;

  PaloAltoParser(Clock clock, Charset charset) {
    this.clock = clock;
    this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
  }

  @Override
  public ParseResult parse(byte[] raw) {
    String line = new String(raw, charset);
    try {
      List<String> t = CsvLine.split(line, ',', true);
      if (t.size() < 7) {
        throw new BadInputException(
            "not PAN-OS CSV: expected at least 7 comma-separated fields, found " + t.size());
      }
      String type = t.get(3).strip();
      Message m = Message.empty();
      put(m, "palo_alto_domain", t, 0);
      put(m, "receive_time", t, 1);
      put(m, "serial", t, 2);
      m.put("type", type);
      put(m, "subtype", t, 4);
      put(m, "config_version", t, 5);
      put(m, "time_generated", t, 6);
      int version =
          switch (type.toUpperCase(Locale.ROOT)) {
            case "TRAFFIC" -> traffic(m, t);
            case "THREAT" -> threat(m, t);
            case "CONFIG" -> config(m, t);
            case "SYSTEM" -> system(m, t);
            default ->
                throw new BadInputException(
                    "unsupported PAN-OS log type '"
                        + type
                        + "' (field 4); known: TRAFFIC, THREAT, CONFIG, SYSTEM");
          };
      m.put("parser_version", (long) version);
      if (version == 0) {
        m.put("tokens_seen", (long) t.size());
      }
      m.put(MessageFields.TIMESTAMP, clock.millis());
      m.put(MessageFields.ORIGINAL_STRING, line);
      return ParseResult.of(m);
    } catch (BadInputException e) {
      return ParseResult.error(e);
    }
  }

  private static int traffic(Message m, List<String> t) throws BadInputException {
    need(t, 46, "TRAFFIC");
    putAll(m, t, 7, SESSION);
    putAll(m, t, 31, TRAFFIC);
    int version =
        switch (t.size()) {
          case 46 -> 60;
          case 47 -> 61;
          case 54 -> 70;
          case 61 -> 80;
          default -> 0;
        };
    if (version >= 61) {
      put(m, "session_end_reason", t, 46);
    }
    if (version >= 70) {
      putAll(m, t, 47, VSYS_70);
      put(m, "action_source", t, 53);
    }
    if (version >= 80) {
      putAll(m, t, 54, TRAFFIC_80);
    }
    return version;
  }

  private static int threat(Message m, List<String> t) throws BadInputException {
    need(t, 45, "THREAT");
    putAll(m, t, 7, SESSION);
    putAll(m, t, 31, THREAT);
    Object url = m.get("url");
    if (url != null) {
      try {
        String host = URI.create(url.toString()).getHost();
        m.put("host", host);
      } catch (IllegalArgumentException e) {
        // Not every PAN-OS "url" is a URL (often a bare path); then there is no host to add.
      }
    }
    int version;
    int offset = 0;
    switch (t.size()) {
      case 45 -> version = 60;
      case 53 -> version = 61;
      case 61 -> {
        version = 70;
        offset = 1;
      }
      case 72 -> {
        version = 80;
        offset = 1;
      }
      default -> version = 0;
    }
    if (version >= 61) {
      putAll(m, t, 45 + offset, THREAT_61);
    }
    if (version >= 70) {
      put(m, "url_idx", t, 45);
      putAll(m, t, 54, VSYS_70);
    }
    if (version >= 80) {
      putAll(m, t, 61, THREAT_80);
    }
    return version;
  }

  private static int config(Message m, List<String> t) {
    int version =
        switch (t.size()) {
          case 16, 18 -> 61;
          case 22, 24 -> 80;
          default -> 0;
        };
    if (version >= 61) {
      putAll(
          m,
          t,
          7,
          new String[] {
            "host", "vsys", "command", "admin", "client", "result", "configuration_path"
          });
    }
    if (version == 61) {
      put(m, "seqno", t, 14);
      put(m, "actionflags", t, 15);
      if (t.size() == 18) {
        put(m, "before_change_detail", t, 16);
        put(m, "after_change_detail", t, 17);
      }
    }
    if (version == 80) {
      int offset = 0;
      if (t.size() == 24) {
        put(m, "before_change_detail", t, 14);
        put(m, "after_change_detail", t, 15);
        offset = 2;
      }
      put(m, "seqno", t, 14 + offset);
      put(m, "actionflags", t, 15 + offset);
      putAll(m, t, 16 + offset, VSYS_70);
    }
    return version;
  }

  private static int system(Message m, List<String> t) {
    int version =
        switch (t.size()) {
          case 17 -> 61;
          case 23 -> 80;
          default -> 0;
        };
    if (version >= 61) {
      put(m, "vsys", t, 7);
      put(m, "event_id", t, 8);
      put(m, "object", t, 9);
      putAll(m, t, 12, new String[] {"module", "severity", "description", "seqno", "actionflags"});
    }
    if (version == 80) {
      putAll(m, t, 17, VSYS_70);
    }
    return version;
  }

  private static void need(List<String> t, int count, String type) throws BadInputException {
    if (t.size() < count) {
      throw new BadInputException(
          "PAN-OS " + type + " log has " + t.size() + " fields; at least " + count + " expected");
    }
  }

  private static void putAll(Message m, List<String> t, int from, String[] names) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        put(m, names[i], t, from + i);
      }
    }
  }

  private static void put(Message m, String name, List<String> t, int index) {
    if (index >= t.size()) {
      return;
    }
    String value = t.get(index).strip();
    if (value.isEmpty() || value.equals("\"\"")) {
      return;
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    m.put(name, value);
  }
}
