package io.metron.server.routes;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.search.CommentRequest;
import io.metron.search.PatchRequest;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Call;
import io.metron.server.api.Routes;
import io.metron.server.routes.Wire.DocumentView;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Metron's UpdateController: patch, replace, add and remove comments. */
public final class UpdateRoutes {
  /** Metron's {@code PatchRequest}. */
  public record PatchBody(
      String guid,
      String sensorType,
      String index,
      List<Map<String, Object>> patch,
      Map<String, Object> source) {}

  /** Metron's {@code ReplaceRequest}. */
  public record ReplaceBody(
      Map<String, Object> replacement, String guid, String sensorType, String index) {}

  /** Metron's {@code CommentAddRemoveRequest}. */
  public record CommentBody(
      String guid,
      String sensorType,
      String index,
      String comment,
      String username,
      Long timestamp) {}

  private UpdateRoutes() {}

  public static void declare(Routes routes, AlertWriter writer, Clock clock) {
    routes
        .group("Update")
        .patch(
            "/update/patch",
            Access.USER,
            "Updates a document with an RFC 6902 patch (alert_status, comments, any field)",
            PatchBody.class,
            DocumentView.class,
            call -> {
              PatchBody b = call.body();
              Wire.required(b.guid(), "guid");
              Wire.requiredList(b.patch(), "patch");
              for (int i = 0; i < b.patch().size(); i++) {
                Map<String, Object> op = b.patch().get(i);
                if (op == null
                    || !(op.get("op") instanceof String)
                    || !(op.get("path") instanceof String)) {
                  throw ApiException.badRequest(
                      "field 'patch[" + i + "]' must be an object with string 'op' and 'path'",
                      "patch[" + i + "]");
                }
              }
              return DocumentView.of(
                  writer.patch(new PatchRequest(b.guid(), b.sensorType(), b.patch()), actor(call)));
            })
        .post(
            "/update/replace",
            Access.USER,
            "Replaces a document with the one given",
            ReplaceBody.class,
            DocumentView.class,
            call -> {
              ReplaceBody b = call.body();
              Wire.required(b.guid(), "guid");
              if (b.replacement() == null) {
                throw ApiException.badRequest("field 'replacement' is required", "replacement");
              }
              Map<String, Object> fields = new LinkedHashMap<>(b.replacement());
              fields.put(MessageFields.GUID, b.guid());
              if (b.sensorType() != null) {
                fields.putIfAbsent(MessageFields.SOURCE_TYPE, b.sensorType());
              }
              if (fields.get(MessageFields.SOURCE_TYPE) == null) {
                throw ApiException.badRequest(
                    "field 'sensorType' is required when the replacement has no source.type",
                    "sensorType");
              }
              return DocumentView.of(writer.replace(Message.of(fields), actor(call)));
            })
        .post(
            "/update/add/comment",
            Access.USER,
            "Adds a comment to an alert",
            CommentBody.class,
            DocumentView.class,
            call -> DocumentView.of(writer.addComment(comment(call, clock), actor(call))))
        .post(
            "/update/remove/comment",
            Access.USER,
            "Removes a comment (same text, user and timestamp) from an alert",
            CommentBody.class,
            DocumentView.class,
            call -> {
              if (call.body().timestamp() == null) {
                throw ApiException.badRequest(
                    "field 'timestamp' is required to name the comment to remove", "timestamp");
              }
              return DocumentView.of(writer.removeComment(comment(call, clock), actor(call)));
            });
  }

  static AlertWriter.Actor actor(Call<?> call) {
    return new AlertWriter.Actor(call.user(), call.remote());
  }

  private static CommentRequest comment(Call<CommentBody> call, Clock clock) {
    CommentBody b = call.body();
    Wire.required(b.guid(), "guid");
    if (b.comment() == null) {
      throw ApiException.badRequest("field 'comment' is required", "comment");
    }
    // The comment is signed with the caller's name unless the client names a user (as Metron's UI
    // does, with the logged-in user).
    String user = b.username() == null || b.username().isBlank() ? call.user() : b.username();
    long time = b.timestamp() == null ? clock.millis() : b.timestamp();
    return new CommentRequest(b.guid(), b.sensorType(), b.comment(), user, time);
  }
}
