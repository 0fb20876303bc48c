package io.metron.pipeline.parse.syslog;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.BadInputException;

/** The field names Metron's syslog parsers write, and the priority fields both derive alike. */
final class SyslogFields {
  static final String PRI = "syslog.header.pri";
  static final String FACILITY = "syslog.header.facility";
  static final String SEVERITY = "syslog.header.severity";
  static final String VERSION = "syslog.header.version";
  static final String TIMESTAMP = "syslog.header.timestamp";
  static final String HOST = "syslog.header.hostName";
  static final String APP = "syslog.header.appName";
  static final String PROC = "syslog.header.procId";
  static final String MSG_ID = "syslog.header.msgId";
  static final String MESSAGE = "syslog.message";
  static final String STRUCTURED = "syslog.structuredData.";

  private SyslogFields() {}

  /** Writes the priority and the facility and severity it encodes, as Metron did: as text. */
  static void priority(Message message, int pri) throws BadInputException {
    if (pri > 191) {
      throw new BadInputException("syslog priority " + pri + " is out of range (0-191)");
    }
    message.put(PRI, String.valueOf(pri));
    message.put(FACILITY, String.valueOf(pri / 8));
    message.put(SEVERITY, String.valueOf(pri % 8));
  }
}
