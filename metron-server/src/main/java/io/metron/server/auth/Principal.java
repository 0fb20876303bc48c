package io.metron.server.auth;

import java.util.Set;

/**
 * The caller of one request.
 *
 * @param user the user name recorded in the audit log
 * @param roles what the caller may do
 * @param via how the caller proved who it is
 * @param sessionId the login session, when {@code via} is {@link Via#SESSION}
 */
public record Principal(String user, Set<Role> roles, Via via, String sessionId) {
  public Principal {
    roles = Set.copyOf(roles);
  }

  /** How a caller authenticated. */
  public enum Via {
    BASIC,
    SESSION,
    TOKEN,
    /** The local token a running server hands the command line through its data directory. */
    LOCAL
  }

  /** Whether the caller may use routes that need {@code role}; ADMIN implies USER. */
  public boolean has(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }
}
