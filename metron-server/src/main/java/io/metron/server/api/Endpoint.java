package io.metron.server.api;

import io.javalin.http.HandlerType;

/**
 * One route, declared once: the router mounts it and the OpenAPI document describes it from this
 * declaration alone.
 *
 * @param method the HTTP method
 * @param path the path, with {@code {name}} parameters, e.g. {@code /api/v1/search/search}
 * @param access who may call it
 * @param tag the endpoint group (Metron's controller name)
 * @param summary what it does, one line
 * @param body the JSON body's type ({@code Void} for none, {@code String} for raw text)
 * @param response the answer's type, for the document ({@code Void} for none)
 * @param action what it does; returns the answer, serialized as JSON, or {@link #HANDLED} when it
 *     wrote the response itself
 */
public record Endpoint<B>(
    HandlerType method,
    String path,
    Access access,
    String tag,
    String summary,
    Class<B> body,
    Class<?> response,
    Action<B> action) {

  /** Returned by an action that wrote its own response (a file download, plain text). */
  public static final Object HANDLED = new Object();

  /** The work of a route. */
  @FunctionalInterface
  public interface Action<B> {
    Object run(Call<B> call) throws Exception;
  }

  /** Whether the route changes state (and so needs a CSRF token with a session). */
  public boolean writes() {
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }
}
