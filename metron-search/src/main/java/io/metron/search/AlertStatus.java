package io.metron.search;

import java.util.Locale;

/** The workflow states of an alert, kept in its {@code alert_status} field as Metron's UI did. */
public enum AlertStatus {
  NEW,
  OPEN,
  ESCALATE,
  DISMISS,
  RESOLVE;

  /** The status named {@code name}, in any case; a clear error naming the choices otherwise. */
  public static AlertStatus parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown alert status '"
              + name
              + "': expected one of NEW, OPEN, ESCALATE, DISMISS, RESOLVE",
          e);
    }
  }
}
