package io.metron.server.api;

/**
 * A request the API refuses, with the HTTP status and, when one field is to blame, its JSON path
 * ({@code sort[0].sortOrder}). Becomes {@code {"error": ..., "field": ..., "responseCode": ...}}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String field;

  public ApiException(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public static ApiException badRequest(String message, String field) {
    return new ApiException(400, message, field);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public int status() {
    return status;
  }

  /** The JSON path of the field at fault, or null. */
  public String field() {
    return field;
  }
}
