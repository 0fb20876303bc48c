package io.metron.pipeline.parse.syslog;

/**
 * The facility and severity names a syslog priority ({@code <PRI>}) stands for, spelled as Metron's
 * ASA parser spelled them: {@code warn} (not {@code warning}), and {@code unknown} for the
 * facilities it did not name (9, 12 to 14, above 23).
 */
public final class SyslogPriority {
  private static final String UNKNOWN = "unknown";
  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"
  };
  private static final String[] FACILITIES = {
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    UNKNOWN,
    "authpriv",
    "ftp",
    UNKNOWN,
    UNKNOWN,
    UNKNOWN,
    "cron",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7"
  };

  private SyslogPriority() {}

  public static String severity(int priority) {
    return SEVERITIES[priority & 0x07];
  }

  public static String facility(int priority) {
    int f = priority >> 3;
    return f >= 0 && f < FACILITIES.length ? FACILITIES[f] : UNKNOWN;
  }
}
