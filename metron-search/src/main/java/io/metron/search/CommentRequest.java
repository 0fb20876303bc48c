package io.metron.search;

/**
 * A comment to add to or remove from an alert, as Metron's {@code CommentAddRemoveRequest}. The
 * alert's {@code comments} field holds a list of {@code {comment, username, timestamp}}.
 */
public record CommentRequest(
    String guid, String sensorType, String comment, String username, long timestamp) {
  public CommentRequest {
    if (guid == null || guid.isBlank()) {
      throw new IllegalArgumentException("a comment request needs a guid");
    }
    if (comment == null) {
      throw new IllegalArgumentException("a comment request needs a comment");
    }
  }
}
