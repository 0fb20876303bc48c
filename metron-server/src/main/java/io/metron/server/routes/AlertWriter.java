package io.metron.server.routes;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.search.CommentRequest;
import io.metron.search.GetRequest;
import io.metron.search.IndexedDocument;
import io.metron.search.PatchRequest;
import io.metron.search.SearchException;
import io.metron.search.SearchStore;
import io.metron.search.metaalert.MetaAlertCreateRequest;
import io.metron.search.metaalert.MetaAlertStatus;
import io.metron.search.metaalert.MetaAlerts;
import io.metron.server.api.ApiException;
import io.metron.server.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one writer of alert state: every change to an alert or meta-alert goes through here, one at a
 * time (a change reads the latest version and writes the next, so two at once could lose one), is
 * searchable when the call returns (the store refreshes on each update), and is audited with the
 * fields it changed, before and after.
 */
public final class AlertWriter {
  private final SearchStore store;
  private final MetaAlerts metas;
  private final AuditLog audit;

  public AlertWriter(SearchStore store, MetaAlerts metas, AuditLog audit) {
    this.store = store;
    this.metas = metas;
    this.audit = audit;
  }

  /** Who asks, from where, for the audit log. */
  public record Actor(String user, String remote) {}

  public synchronized IndexedDocument patch(PatchRequest request, Actor actor)
      throws SearchException {
    IndexedDocument before = require(new GetRequest(request.guid(), request.sensorType()));
    IndexedDocument after = metas.patch(request);
    recordChange(actor, "alert.patch", before, after);
    return after;
  }

  public synchronized IndexedDocument replace(Message replacement, Actor actor)
      throws SearchException {
    IndexedDocument before =
        store.getLatest(new GetRequest(replacement.guid(), replacement.sourceType())).orElse(null);
    IndexedDocument after = store.replace(replacement);
    metas.refreshCopies(after);
    recordChange(actor, "alert.replace", before, after);
    return after;
  }

  public synchronized IndexedDocument addComment(CommentRequest request, Actor actor)
      throws SearchException {
    IndexedDocument before = require(new GetRequest(request.guid(), request.sensorType()));
    IndexedDocument after = store.addComment(request);
    metas.refreshCopies(after);
    recordChange(actor, "alert.comment.add", before, after);
    return after;
  }

  public synchronized IndexedDocument removeComment(CommentRequest request, Actor actor)
      throws SearchException {
    IndexedDocument before = require(new GetRequest(request.guid(), request.sensorType()));
    IndexedDocument after = store.removeComment(request);
    metas.refreshCopies(after);
    recordChange(actor, "alert.comment.remove", before, after);
    return after;
  }

  public synchronized IndexedDocument createMeta(MetaAlertCreateRequest request, Actor actor)
      throws SearchException {
    IndexedDocument created = metas.create(request);
    audit.record(
        actor.user(),
        "metaalert.create",
        created.guid(),
        null,
        Map.of(
            "alerts", request.alerts().stream().map(GetRequest::guid).toList(),
            "groups", request.groups()),
        actor.remote());
    return created;
  }

  public synchronized IndexedDocument addToMeta(String meta, List<GetRequest> alerts, Actor actor)
      throws SearchException {
    IndexedDocument before = requireMeta(meta);
    IndexedDocument after = metas.addAlerts(meta, alerts);
    recordMembers(actor, "metaalert.add", before, after);
    return after;
  }

  public synchronized IndexedDocument removeFromMeta(
      String meta, List<GetRequest> alerts, Actor actor) throws SearchException {
    IndexedDocument before = requireMeta(meta);
    IndexedDocument after = metas.removeAlerts(meta, alerts);
    recordMembers(actor, "metaalert.remove", before, after);
    return after;
  }

  public synchronized IndexedDocument metaStatus(String meta, MetaAlertStatus status, Actor actor)
      throws SearchException {
    IndexedDocument before = requireMeta(meta);
    IndexedDocument after = metas.updateStatus(meta, status);
    recordChange(actor, "metaalert.status", before, after);
    return after;
  }

  private IndexedDocument require(GetRequest request) throws SearchException {
    return store
        .getLatest(request)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "no document with guid "
                        + request.guid()
                        + (request.sensorType() == null
                            ? ""
                            : " in sensor " + request.sensorType())));
  }

  private IndexedDocument requireMeta(String guid) throws SearchException {
    return require(new GetRequest(guid, MetaAlerts.SENSOR));
  }

  private void recordMembers(
      Actor actor, String action, IndexedDocument before, IndexedDocument after) {
    audit.record(
        actor.user(),
        action,
        after.guid(),
        Map.of(MetaAlerts.ALERT_GUIDS_FIELD, members(before)),
        Map.of(MetaAlerts.ALERT_GUIDS_FIELD, members(after)),
        actor.remote());
  }

  private static Object members(IndexedDocument meta) {
    Object guids = meta.fields().get(MetaAlerts.ALERT_GUIDS_FIELD);
    return guids == null ? List.of() : guids;
  }

  /** Audits the top-level fields that differ between the two versions. */
  private void recordChange(
      Actor actor, String action, IndexedDocument before, IndexedDocument after) {
    Map<String, Object> was = before == null ? Map.of() : before.fields();
    Map<String, Object> now = after.fields();
    Set<String> keys = new LinkedHashSet<>(was.keySet());
    keys.addAll(now.keySet());
    Map<String, Object> changedBefore = new LinkedHashMap<>();
    Map<String, Object> changedAfter = new LinkedHashMap<>();
    for (String k : keys) {
      if (k.equals(MessageFields.GUID) || k.equals(MetaAlerts.ALERT_FIELD)) {
        continue;
      }
      if (!Objects.equals(was.get(k), now.get(k))) {
        changedBefore.put(k, was.get(k));
        changedAfter.put(k, now.get(k));
      }
    }
    audit.record(actor.user(), action, after.guid(), changedBefore, changedAfter, actor.remote());
  }
}
