package io.metron.pipeline.parse.syslog;

/** The facility and severity names a syslog priority ({@code <PRI>}) stands for. */
public final class SyslogPriority {
  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
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
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
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
    return SEVERITIES[Math.floorMod(priority, 8)];
  }

  /** The facility name, or {@code null} when the priority is out of range. */
  public static String facility(int priority) {
    int f = priority / 8;
    return priority >= 0 && f < FACILITIES.length ? FACILITIES[f] : null;
  }
}
