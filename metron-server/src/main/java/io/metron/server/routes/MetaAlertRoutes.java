package io.metron.server.routes;

import io.metron.search.metaalert.MetaAlertCreateRequest;
import io.metron.search.metaalert.MetaAlertStatus;
import io.metron.search.metaalert.MetaAlerts;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Routes;
import io.metron.server.routes.SearchRoutes.SearchAnswer;
import io.metron.server.routes.Wire.DocumentView;
import io.metron.server.routes.Wire.GetBody;
import java.util.List;

/** Metron's MetaAlertController. */
public final class MetaAlertRoutes {
  /** Metron's {@code MetaAlertCreateRequest}. */
  public record CreateBody(List<GetBody> alerts, List<String> groups) {}

  /** Metron's {@code MetaAlertAddRemoveRequest}. */
  public record AddRemoveBody(String metaAlertGuid, List<GetBody> alerts) {}

  private MetaAlertRoutes() {}

  public static void declare(Routes routes, MetaAlerts metas, AlertWriter writer) {
    routes
        .group("MetaAlert")
        .post(
            "/metaalert/searchByAlert",
            Access.USER,
            "Gets all meta-alerts that contain an alert (the body is the alert's guid)",
            String.class,
            SearchAnswer.class,
            call -> {
              String guid = call.body().trim();
              if (guid.length() >= 2 && guid.startsWith("\"") && guid.endsWith("\"")) {
                guid = guid.substring(1, guid.length() - 1);
              }
              if (guid.isBlank()) {
                throw ApiException.badRequest("the body must be the alert's guid", null);
              }
              return SearchAnswer.of(metas.metaAlertsFor(guid));
            })
        .post(
            "/metaalert/create",
            Access.USER,
            "Creates a new meta-alert from a list of existing alerts",
            CreateBody.class,
            DocumentView.class,
            call ->
                DocumentView.of(
                    writer.createMeta(
                        new MetaAlertCreateRequest(
                            Wire.requests(call.body().alerts(), "alerts"), call.body().groups()),
                        UpdateRoutes.actor(call))))
        .post(
            "/metaalert/add/alert",
            Access.USER,
            "Adds alerts to an existing meta-alert",
            AddRemoveBody.class,
            DocumentView.class,
            call ->
                DocumentView.of(
                    writer.addToMeta(
                        Wire.required(call.body().metaAlertGuid(), "metaAlertGuid"),
                        Wire.requests(call.body().alerts(), "alerts"),
                        UpdateRoutes.actor(call))))
        .post(
            "/metaalert/remove/alert",
            Access.USER,
            "Removes alerts from an existing meta-alert",
            AddRemoveBody.class,
            DocumentView.class,
            call ->
                DocumentView.of(
                    writer.removeFromMeta(
                        Wire.required(call.body().metaAlertGuid(), "metaAlertGuid"),
                        Wire.requests(call.body().alerts(), "alerts"),
                        UpdateRoutes.actor(call))))
        .post(
            "/metaalert/update/status/{guid}/{status}",
            Access.USER,
            "Sets a meta-alert ACTIVE or INACTIVE",
            Void.class,
            DocumentView.class,
            call -> {
              MetaAlertStatus status;
              try {
                status = MetaAlertStatus.parse(call.path("status"));
              } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage(), "status");
              }
              return DocumentView.of(
                  writer.metaStatus(call.path("guid"), status, UpdateRoutes.actor(call)));
            });
  }
}
