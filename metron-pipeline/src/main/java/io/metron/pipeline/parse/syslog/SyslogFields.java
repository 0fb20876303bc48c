package io.metron.pipeline.parse.syslog;

/** The field names Metron's syslog parsers write. */
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
}
