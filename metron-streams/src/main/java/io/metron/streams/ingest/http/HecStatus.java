package io.metron.streams.ingest.http;

/**
 * The Splunk HTTP Event Collector's status codes, with the HTTP status and text HEC answers, so
 * shippers that read them (to retry or to report) behave as they do against Splunk.
 */
public enum HecStatus {
  SUCCESS(0, 200, "Success"),
  TOKEN_DISABLED(1, 403, "Token disabled"),
  TOKEN_REQUIRED(2, 401, "Token is required"),
  INVALID_AUTHORIZATION(3, 401, "Invalid authorization"),
  INVALID_TOKEN(4, 403, "Invalid token"),
  NO_DATA(5, 400, "No data"),
  INVALID_DATA_FORMAT(6, 400, "Invalid data format"),
  INCORRECT_INDEX(7, 400, "Incorrect index"),
  INTERNAL_ERROR(8, 500, "Internal server error"),
  SERVER_BUSY(9, 503, "Server is busy"),
  EVENT_REQUIRED(12, 400, "Event field is required"),
  EVENT_BLANK(13, 400, "Event field cannot be blank"),
  ACK_DISABLED(14, 400, "ACK is disabled"),
  INDEXED_FIELDS(15, 400, "Error in handling indexed fields"),
  HEALTHY(17, 200, "HEC is healthy");

  private final int code;
  private final int httpStatus;
  private final String text;

  HecStatus(int code, int httpStatus, String text) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.text = text;
  }

  /** HEC's numeric code, the {@code code} of the response body. */
  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** HEC's text, the {@code text} of the response body. */
  public String text() {
    return text;
  }
}
