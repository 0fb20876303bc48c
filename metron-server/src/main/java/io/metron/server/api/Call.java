package io.metron.server.api;

import io.javalin.http.Context;
import io.metron.server.auth.Principal;

/**
 * One request to a route: the caller, the decoded body and the Javalin context for path and query
 * parameters.
 */
public record Call<B>(Context ctx, Principal principal, B body) {
  /** A path parameter, e.g. {@code name} in {@code /sensor/parser/config/{name}}. */
  public String path(String name) {
    return ctx.pathParam(name);
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return ctx.queryParam(name);
  }

  /** The caller's user name, as the audit log records it. */
  public String user() {
    return principal == null ? null : principal.user();
  }

  /** The caller's address. */
  public String remote() {
    return ctx.ip();
  }
}
