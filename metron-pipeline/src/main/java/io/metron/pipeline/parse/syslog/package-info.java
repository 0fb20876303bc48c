/**
 * Syslog: {@link io.metron.pipeline.parse.syslog.Syslog3164Parser} and {@link
 * io.metron.pipeline.parse.syslog.Syslog5424Parser} (Metron's {@code syslog.header.*} fields), and
 * the header helpers other syslog-borne parsers share: {@link
 * io.metron.pipeline.parse.syslog.SyslogTime} (year-less times against a device clock) and {@link
 * io.metron.pipeline.parse.syslog.SyslogPriority} (facility and severity names).
 */
package io.metron.pipeline.parse.syslog;
