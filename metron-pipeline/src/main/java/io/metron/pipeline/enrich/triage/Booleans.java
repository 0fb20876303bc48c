package io.metron.pipeline.enrich.triage;

import java.util.Locale;

/** Reads a value as a boolean the way Metron's conversions did ("true", "yes", "on", "1", ...). */
public final class Booleans {
  private Booleans() {}

  /** The boolean {@code value} stands for, or {@code null} when it stands for neither. */
  public static Boolean parse(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value == null) {
      return null;
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "on", "1" -> true;
      case "false", "no", "n", "off", "0" -> false;
      default -> null;
    };
  }
}
