package io.metron.server.api;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/** Collects {@link Endpoint} declarations, group by group. */
public final class Routes {
  /** Every API path starts with this. */
  public static final String BASE = "/api/v1";

  private final List<Endpoint<?>> endpoints = new ArrayList<>();
  private String tag = "Default";

  /** Routes declared next belong to {@code name} (Metron's controller names). */
  public Routes group(String name) {
    this.tag = name;
    return this;
  }

  public <B> Routes get(
      String path, Access access, String summary, Class<?> response, Endpoint.Action<Void> action) {
    return add(HandlerType.GET, path, access, summary, Void.class, response, action);
  }

  public <B> Routes post(
      String path,
      Access access,
      String summary,
      Class<B> body,
      Class<?> response,
      Endpoint.Action<B> action) {
    return add(HandlerType.POST, path, access, summary, body, response, action);
  }

  public <B> Routes patch(
      String path,
      Access access,
      String summary,
      Class<B> body,
      Class<?> response,
      Endpoint.Action<B> action) {
    return add(HandlerType.PATCH, path, access, summary, body, response, action);
  }

  public Routes delete(String path, Access access, String summary, Endpoint.Action<Void> action) {
    return add(HandlerType.DELETE, path, access, summary, Void.class, Void.class, action);
  }

  private <B> Routes add(
      HandlerType method,
      String path,
      Access access,
      String summary,
      Class<B> body,
      Class<?> response,
      Endpoint.Action<B> action) {
    endpoints.add(
        new Endpoint<>(method, BASE + path, access, tag, summary, body, response, action));
    return this;
  }

  public List<Endpoint<?>> all() {
    return List.copyOf(endpoints);
  }
}
