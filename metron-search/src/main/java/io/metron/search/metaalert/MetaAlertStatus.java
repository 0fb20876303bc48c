package io.metron.search.metaalert;

import java.util.Locale;

/**
 * Whether a meta-alert stands in for its alerts. Active: searches return it in place of them.
 * Inactive: they reappear on their own.
 */
public enum MetaAlertStatus {
  ACTIVE,
  INACTIVE;

  /** The value stored in the meta-alert's {@code status} field. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code name}, in any case. */
  public static MetaAlertStatus parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown meta-alert status '" + name + "': expected active or inactive", e);
    }
  }
}
