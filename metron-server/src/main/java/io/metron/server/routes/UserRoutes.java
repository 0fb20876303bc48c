package io.metron.server.routes;

import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Endpoint;
import io.metron.server.api.FormBody;
import io.metron.server.api.Routes;
import io.metron.server.audit.AuditLog;
import io.metron.server.auth.Authenticator;
import io.metron.server.auth.Principal;
import io.metron.server.auth.Role;
import io.metron.server.auth.Sessions;
import io.metron.server.auth.UserStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Logging in and out, who the caller is (Metron's UserController), and the audit log. */
public final class UserRoutes {
  /** The login form's or JSON body's fields. */
  public record LoginBody(String username, String password) implements FormBody {}

  /** The answer to a login: repeat {@code csrfToken} in the X-CSRF-Token header of writes. */
  public record LoginAnswer(String user, List<String> roles, String csrfToken) {}

  private UserRoutes() {}

  public static void declare(
      Routes routes, Authenticator auth, Sessions sessions, AuditLog audit, boolean secureCookie) {
    routes
        .group("User")
        .post(
            "/login",
            Access.PUBLIC,
            "Logs in with a user name and password (form or JSON); sets the session cookie",
            LoginBody.class,
            LoginAnswer.class,
            call -> {
              String user = Wire.required(call.body().username(), "username");
              String password = call.body().password() == null ? "" : call.body().password();
              UserStore.User found = auth.login(user, password, call.remote());
              Sessions.Session s = sessions.create(found.name());
              audit.record(found.name(), "login.success", found.name(), null, null, call.remote());
              call.ctx()
                  .header(
                      "Set-Cookie",
                      Sessions.COOKIE
                          + "="
                          + s.id()
                          + "; Path=/; HttpOnly; SameSite=Strict"
                          + (secureCookie ? "; Secure" : ""));
              return new LoginAnswer(found.name(), roleNames(found.roles()), s.csrfToken());
            })
        .post(
            "/logout",
            Access.USER,
            "Ends the login session",
            Void.class,
            Void.class,
            call -> {
              Principal p = call.principal();
              if (p.via() == Principal.Via.SESSION) {
                sessions.remove(p.sessionId());
              }
              audit.record(p.user(), "logout", p.user(), null, null, call.remote());
              call.ctx()
                  .header(
                      "Set-Cookie",
                      Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
              return java.util.Map.of("user", p.user(), "loggedOut", true);
            })
        .get(
            "/user",
            Access.USER,
            "The current user's name (plain text, as Metron answered)",
            String.class,
            call -> {
              call.ctx().contentType("text/plain; charset=utf-8").result(call.user());
              return Endpoint.HANDLED;
            })
        .get(
            "/user/whoami/roles",
            Access.USER,
            "The current user's roles (ROLE_USER, ROLE_ADMIN)",
            String[].class,
            call -> roleNames(call.principal().roles()))
        .group("Audit")
        .get(
            "/audit",
            Access.ADMIN,
            "Audit entries, newest first; filters: user, action (prefix), target, since"
                + " (ISO-8601), limit (default 100)",
            AuditLog.Entry[].class,
            call ->
                audit.read(
                    filter(
                        call.query("user"),
                        call.query("action"),
                        call.query("target"),
                        call.query("since"),
                        call.query("limit"))));
  }

  static List<String> roleNames(Set<Role> roles) {
    Set<String> names = new TreeSet<>();
    for (Role r : roles) {
      names.add("ROLE_" + r.name());
    }
    if (roles.contains(Role.ADMIN)) {
      names.add("ROLE_USER");
    }
    return List.copyOf(names);
  }

  private static AuditLog.Filter filter(
      String user, String action, String target, String since, String limit) {
    Instant from = null;
    if (since != null) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "query parameter 'since' must be an ISO-8601 time such as 2026-01-31T00:00:00Z",
            "since");
      }
    }
    int n = 100;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 10_000) {
        throw ApiException.badRequest(
            "query parameter 'limit' must be an integer from 1 to 10000", "limit");
      }
    }
    return new AuditLog.Filter(user, action, target, from, n);
  }
}
