package io.metron.server.auth;

import java.util.Locale;

/** What a user may do. {@code ADMIN} may do everything {@code USER} may, and change configs. */
public enum Role {
  USER,
  ADMIN;

  /** The role named {@code name} ({@code user}, {@code ROLE_ADMIN}, ...), in any case. */
  public static Role parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.startsWith("ROLE_")) {
      n = n.substring(5);
    }
    try {
      return valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + name + "': expected USER or ADMIN", e);
    }
  }
}
