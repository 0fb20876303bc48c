package io.metron.server.api;

/** Who may call a route. */
public enum Access {
  /** Anyone: only the login route. */
  PUBLIC,
  /** Any authenticated user. */
  USER,
  /** Users with the ADMIN role: config writes, user and audit routes. */
  ADMIN
}
