package io.metron.search;

import java.util.Locale;

/** The type of a field as column metadata reports it, with Metron's names. */
public enum ColumnType {
  TEXT,
  KEYWORD,
  IP,
  INTEGER,
  LONG,
  DATE,
  FLOAT,
  DOUBLE,
  BOOLEAN,
  NESTED,
  GEO_POINT,
  OTHER;

  /** The lower-case name Metron's REST API used. */
  public String metronName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
