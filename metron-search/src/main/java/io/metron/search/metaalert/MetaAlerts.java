package io.metron.search.metaalert;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.search.GetRequest;
import io.metron.search.IndexedDocument;
import io.metron.search.PatchRequest;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Metron's meta-alert API over any {@link SearchStore}. Thread-safe as far as the store is, but two
 * concurrent changes to the same meta-alert may lose one (as in Metron): callers serialise them.
 *
 * <p>A meta-alert is a document with {@code source.type: metaalert}, {@code status}
 * (active/inactive), {@code groups}, copies of its alerts in {@code metron_alert}, their guids in
 * {@code alert_guids}, and score statistics ({@code max, min, average, count, sum, median}); its
 * {@code threat.triage.score} is the statistic chosen by {@link ScoreAggregation} (sum by default).
 * Each alert in an active meta-alert lists it in its {@code metaalerts} field.
 */
public final class MetaAlerts {
  /** The {@code source.type} of meta-alert documents. */
  public static final String SENSOR = "metaalert";

  /** The field holding copies of the meta-alert's alerts. */
  public static final String ALERT_FIELD = "metron_alert";

  /** The field holding the guids of the meta-alert's alerts, for lookups by alert. */
  public static final String ALERT_GUIDS_FIELD = "alert_guids";

  public static final String STATUS_FIELD = "status";
  public static final String GROUPS_FIELD = "groups";

  private final SearchStore store;
  private final Clock clock;
  private final ScoreAggregation threatSort;

  public MetaAlerts(SearchStore store, Clock clock, ScoreAggregation threatSort) {
    this.store = store;
    this.clock = clock;
    this.threatSort = threatSort;
  }

  /** Meta-alerts over {@code store}, scored by the sum of their alerts' scores. */
  public MetaAlerts(SearchStore store) {
    this(store, Clock.systemUTC(), ScoreAggregation.SUM);
  }

  /** Creates an active meta-alert from existing alerts. */
  public IndexedDocument create(MetaAlertCreateRequest request) throws SearchException {
    if (request.alerts().isEmpty()) {
      throw new SearchException("a meta-alert needs at least one alert");
    }
    List<IndexedDocument> alerts = requireAll(request.alerts());
    Message meta = Message.empty();
    meta.put(MessageFields.GUID, UUID.randomUUID().toString());
    meta.put(MessageFields.SOURCE_TYPE, SENSOR);
    meta.put(MessageFields.TIMESTAMP, clock.millis());
    meta.put(STATUS_FIELD, MetaAlertStatus.ACTIVE.value());
    meta.put(GROUPS_FIELD, request.groups());
    setAlerts(meta, alerts.stream().map(MetaAlerts::copyOf).toList());
    IndexedDocument stored = store.replace(meta);
    for (IndexedDocument alert : alerts) {
      link(alert, meta.guid());
    }
    return stored;
  }

  /** Adds alerts to a meta-alert (those already in it are left as they are). */
  public IndexedDocument addAlerts(String metaGuid, List<GetRequest> alerts)
      throws SearchException {
    IndexedDocument meta = requireMeta(metaGuid);
    List<Map<String, Object>> children = children(meta);
    Set<String> present = guids(children);
    List<IndexedDocument> added = new ArrayList<>();
    for (IndexedDocument alert : requireAll(alerts)) {
      if (present.add(alert.guid())) {
        children.add(copyOf(alert));
        added.add(alert);
      }
    }
    if (added.isEmpty()) {
      return meta;
    }
    Message updated = meta.toMessage();
    setAlerts(updated, children);
    IndexedDocument stored = store.replace(updated);
    if (isActive(meta)) {
      for (IndexedDocument alert : added) {
        link(alert, metaGuid);
      }
    }
    return stored;
  }

  /** Removes alerts from a meta-alert; a meta-alert cannot be left empty. */
  public IndexedDocument removeAlerts(String metaGuid, List<GetRequest> alerts)
      throws SearchException {
    IndexedDocument meta = requireMeta(metaGuid);
    Set<String> removing = new LinkedHashSet<>();
    alerts.forEach(a -> removing.add(a.guid()));
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> child : children(meta)) {
      if (!removing.contains(String.valueOf(child.get(MessageFields.GUID)))) {
        kept.add(child);
      }
    }
    if (kept.isEmpty()) {
      throw new SearchException(
          "removing these alerts would leave meta-alert "
              + metaGuid
              + " empty; set it inactive"
              + " instead");
    }
    Message updated = meta.toMessage();
    setAlerts(updated, kept);
    IndexedDocument stored = store.replace(updated);
    for (String guid : removing) {
      var alert = store.getLatest(new GetRequest(guid, null));
      if (alert.isPresent()) {
        unlink(alert.get(), metaGuid);
      }
    }
    return stored;
  }

  /**
   * Activates or deactivates a meta-alert. Inactive: its alerts reappear in searches on their own;
   * active: it stands in for them again.
   */
  public IndexedDocument updateStatus(String metaGuid, MetaAlertStatus status)
      throws SearchException {
    IndexedDocument meta = requireMeta(metaGuid);
    if (isActive(meta) == (status == MetaAlertStatus.ACTIVE)) {
      return meta;
    }
    Message updated = meta.toMessage();
    updated.put(STATUS_FIELD, status.value());
    IndexedDocument stored = store.replace(updated);
    for (String guid : guids(children(meta))) {
      var alert = store.getLatest(new GetRequest(guid, null));
      if (alert.isPresent()) {
        if (status == MetaAlertStatus.ACTIVE) {
          link(alert.get(), metaGuid);
        } else {
          unlink(alert.get(), metaGuid);
        }
      }
    }
    return stored;
  }

  /** Every meta-alert, active or not, that contains the alert {@code guid}. */
  public SearchResponse metaAlertsFor(String guid) throws SearchException {
    return store.search(
        SearchRequest.of(ALERT_GUIDS_FIELD + ":" + quote(guid), SearchRequest.MAX_SIZE)
            .withIndices(List.of(SENSOR)));
  }

  /**
   * Patches a document as {@link SearchStore#patch} does, and keeps meta-alerts in step: a
   * meta-alert's alerts and status change only through this class's methods, and a change to an
   * alert is copied into the active meta-alerts that contain it.
   */
  public IndexedDocument patch(PatchRequest request) throws SearchException {
    IndexedDocument current = store.require(new GetRequest(request.guid(), request.sensorType()));
    if (SENSOR.equals(current.sensorType())) {
      for (Map<String, Object> op : request.patch()) {
        String path = String.valueOf(op.get("path"));
        if (path.equals("/" + ALERT_FIELD)
            || path.startsWith("/" + ALERT_FIELD + "/")
            || path.equals("/" + STATUS_FIELD)
            || path.equals("/" + ALERT_GUIDS_FIELD)) {
          throw new SearchException(
              "cannot patch "
                  + path
                  + " of meta-alert "
                  + request.guid()
                  + ": use the meta-alert operations (add/remove alerts, status)");
        }
      }
    }
    IndexedDocument patched = store.patch(request);
    refreshCopies(patched);
    return patched;
  }

  /** Copies {@code alert}'s current fields into every active meta-alert that lists it. */
  public void refreshCopies(IndexedDocument alert) throws SearchException {
    for (String metaGuid : listOf(alert.fields().get(MessageFields.METAALERTS))) {
      var meta = store.getLatest(new GetRequest(metaGuid, SENSOR));
      if (meta.isEmpty()) {
        continue;
      }
      List<Map<String, Object>> children = children(meta.get());
      boolean changed = false;
      for (int i = 0; i < children.size(); i++) {
        if (alert.guid().equals(String.valueOf(children.get(i).get(MessageFields.GUID)))) {
          children.set(i, copyOf(alert));
          changed = true;
        }
      }
      if (changed) {
        Message updated = meta.get().toMessage();
        setAlerts(updated, children);
        store.replace(updated);
      }
    }
  }

  /**
   * Searches as Metron's meta-alert-aware search did: alerts inside an active meta-alert are
   * replaced by the meta-alert, which matches when it or any of its alerts matches the query.
   * Facets and totals count what is returned. At most {@link SearchRequest#MAX_SIZE} matching
   * alerts inside meta-alerts are considered.
   */
  public SearchResponse search(SearchRequest request) throws SearchException {
    String q = isMatchAll(request.query()) ? "*:*" : request.query();
    StringBuilder alertBranch = new StringBuilder();
    alertBranch.append("+(").append(q).append(')');
    for (String filter : request.filters()) {
      alertBranch.append(" +(").append(filter).append(')');
    }
    String timeClause = timeClause(request.fromTime(), request.toTime());
    if (timeClause != null) {
      alertBranch.append(" +").append(timeClause);
    }
    // Which active meta-alerts contain a matching alert.
    SearchResponse contained =
        store.search(
            new SearchRequest(
                q,
                request.indices(),
                0,
                SearchRequest.MAX_SIZE,
                request.fromTime(),
                request.toTime(),
                List.of(),
                List.of(MessageFields.METAALERTS),
                List.of(),
                concat(request.filters(), "_exists_:" + MessageFields.METAALERTS)));
    Set<String> metaGuids = new LinkedHashSet<>();
    contained
        .hits()
        .forEach(h -> metaGuids.addAll(listOf(h.source().get(MessageFields.METAALERTS))));

    // A meta-alert matches on its own fields (within the time range and filters) or through
    // a matching alert.
    StringBuilder metaMatch = new StringBuilder("(+(").append(q).append(')');
    for (String filter : request.filters()) {
      metaMatch.append(" +(").append(filter).append(')');
    }
    if (timeClause != null) {
      metaMatch.append(" +").append(timeClause);
    }
    metaMatch.append(')');
    for (String guid : metaGuids) {
      metaMatch.append(' ').append(MessageFields.GUID).append(':').append(quote(guid));
    }
    String combined =
        "("
            + alertBranch
            + " -_exists_:"
            + MessageFields.METAALERTS
            + " -source.type:"
            + SENSOR
            + ") (+source.type:"
            + SENSOR
            + " +"
            + STATUS_FIELD
            + ":"
            + MetaAlertStatus.ACTIVE.value()
            + " +("
            + metaMatch
            + "))";
    List<String> indices = request.indices();
    if (!indices.isEmpty() && !indices.contains(SENSOR)) {
      indices = concat(indices, SENSOR);
    }
    return store.search(
        new SearchRequest(
            combined,
            indices,
            request.from(),
            request.size(),
            null,
            null,
            request.sort(),
            request.fields(),
            request.facetFields(),
            List.of()));
  }

  private static String timeClause(Long from, Long to) {
    if (from == null && to == null) {
      return null;
    }
    return MessageFields.TIMESTAMP
        + ":["
        + (from == null ? "*" : from.toString())
        + " TO "
        + (to == null ? "*]" : to + "}");
  }

  private static boolean isMatchAll(String query) {
    String q = query.trim();
    return q.isEmpty() || q.equals("*") || q.equals("*:*");
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static <T> List<T> concat(List<T> list, T more) {
    List<T> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  private IndexedDocument requireMeta(String metaGuid) throws SearchException {
    IndexedDocument meta = store.require(new GetRequest(metaGuid, SENSOR));
    if (!SENSOR.equals(meta.sensorType())) {
      throw new SearchException(metaGuid + " is not a meta-alert");
    }
    return meta;
  }

  private List<IndexedDocument> requireAll(List<GetRequest> requests) throws SearchException {
    List<IndexedDocument> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (GetRequest r : requests) {
      var doc = store.getLatest(r);
      if (doc.isPresent()) {
        found.add(doc.get());
      } else {
        missing.add(r.guid());
      }
    }
    if (!missing.isEmpty()) {
      throw new SearchException("no alert with guid " + String.join(", ", missing));
    }
    return found;
  }

  private void setAlerts(Message meta, List<Map<String, Object>> children) {
    meta.put(ALERT_FIELD, children);
    meta.put(
        ALERT_GUIDS_FIELD,
        children.stream().map(c -> String.valueOf(c.get(MessageFields.GUID))).toList());
    List<Double> scores = new ArrayList<>();
    for (Map<String, Object> child : children) {
      Object score = child.get(MessageFields.THREAT_SCORE);
      if (score instanceof Number n) {
        scores.add(n.doubleValue());
      } else if (score != null) {
        try {
          scores.add(Double.parseDouble(score.toString()));
        } catch (NumberFormatException e) {
          // A score that is not a number does not count, as in Metron.
        }
      }
    }
    MetaScores stats = MetaScores.of(scores);
    meta.put("max", stats.max());
    meta.put("min", stats.min());
    meta.put("average", stats.average());
    meta.put("count", stats.count());
    meta.put("sum", stats.sum());
    meta.put("median", stats.median());
    meta.put(MessageFields.THREAT_SCORE, stats.get(threatSort));
  }

  private void link(IndexedDocument alert, String metaGuid) throws SearchException {
    List<String> metas = new ArrayList<>(listOf(alert.fields().get(MessageFields.METAALERTS)));
    if (!metas.contains(metaGuid)) {
      metas.add(metaGuid);
      Message updated = alert.toMessage();
      updated.put(MessageFields.METAALERTS, metas);
      store.replace(updated);
    }
  }

  private void unlink(IndexedDocument alert, String metaGuid) throws SearchException {
    List<String> metas = new ArrayList<>(listOf(alert.fields().get(MessageFields.METAALERTS)));
    if (metas.remove(metaGuid)) {
      Message updated = alert.toMessage();
      updated.put(MessageFields.METAALERTS, metas.isEmpty() ? null : metas);
      store.replace(updated);
    }
  }

  private static boolean isActive(IndexedDocument meta) {
    return MetaAlertStatus.ACTIVE.value().equals(meta.fields().get(STATUS_FIELD));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> children(IndexedDocument meta) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (meta.fields().get(ALERT_FIELD) instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add(new LinkedHashMap<>((Map<String, Object>) m));
        }
      }
    }
    return out;
  }

  private static Set<String> guids(List<Map<String, Object>> children) {
    Set<String> guids = new LinkedHashSet<>();
    children.forEach(c -> guids.add(String.valueOf(c.get(MessageFields.GUID))));
    return guids;
  }

  private static List<String> listOf(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }

  /** The copy of an alert kept inside a meta-alert: its fields without its meta-alert links. */
  private static Map<String, Object> copyOf(IndexedDocument alert) {
    Map<String, Object> copy = new LinkedHashMap<>(alert.fields());
    copy.remove(MessageFields.METAALERTS);
    return copy;
  }
}
