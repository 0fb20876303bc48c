package io.metron.server.ui;

import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchStore;
import io.metron.server.ServerContext;
import io.metron.server.api.Access;
import io.metron.server.api.ApiException;
import io.metron.server.api.Routes;
import io.metron.server.audit.AuditLog;
import io.metron.server.ui.UserSettingsStore.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Alerts UI's endpoints: Metron's user settings ({@code /alerts/ui/settings}, which hold saved
 * searches and the column layout), searches shared between users, an alert's history read from the
 * audit log, alert counts over time for the histogram above the table, and live updates.
 */
public final class UiRoutes implements AutoCloseable {
  /** A histogram has at most this many buckets: each is one count query on the store. */
  public static final int MAX_BUCKETS = 200;

  /** An alert's history lists at most this many entries, the newest first. */
  public static final int MAX_HISTORY = 500;

  private static final Pattern GUID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Asks for alert counts per bucket of {@code [fromTime, toTime)} (epoch ms). */
  public record HistogramBody(String query, Long fromTime, Long toTime, Integer buckets) {}

  /**
   * Alert counts: bucket {@code i} covers {@code [from + i * interval, from + (i+1) * interval)}.
   */
  public record Histogram(long from, long to, long interval, List<Long> counts) {}

  private final AlertEvents events;
  private final Escalations escalations;

  private UiRoutes(AlertEvents events, Escalations escalations) {
    this.events = events;
    this.escalations = escalations;
  }

  /**
   * Declares the UI's endpoints on the server's data directory, store, Kafka and audit log.
   *
   * @return what the server closes when it stops (the live-update hub, the escalation producer)
   */
  public static UiRoutes declare(Routes routes, ServerContext context) {
    UiRoutes ui = new UiRoutes(new AlertEvents(context.store()), new Escalations(context.kafka()));
    declare(
        routes,
        context.store(),
        context.audit(),
        UserSettingsStore.in(context.dataDir()),
        ui.events,
        ui.escalations);
    return ui;
  }

  @Override
  public void close() {
    events.close();
    escalations.close();
  }

  static void declare(
      Routes routes,
      SearchStore store,
      AuditLog audit,
      UserSettingsStore settings,
      AlertEvents events,
      Escalations escalations) {
    routes
        .group("AlertsUI")
        .get(
            "/alerts/ui/settings",
            Access.USER,
            "Retrieves the current user's settings (columns, saved and recent searches, facets)",
            Settings.class,
            call ->
                settings
                    .get(call.user())
                    .orElseThrow(() -> ApiException.notFound("no settings for " + call.user())))
        .post(
            "/alerts/ui/escalate",
            Access.USER,
            "Escalates a list of alerts by producing them to the Kafka escalation topic",
            List.class,
            Map.class,
            call -> {
              List<String> guids = escalations.escalate(call.body());
              for (String guid : guids) {
                audit.record(
                    call.user(),
                    "alert.escalate",
                    guid,
                    null,
                    Map.of("topic", Escalations.TOPIC),
                    call.remote());
              }
              return Map.of("escalated", guids.size(), "topic", Escalations.TOPIC);
            })
        .get(
            "/alerts/ui/settings/all",
            Access.ADMIN,
            "Retrieves all users' settings",
            Map.class,
            call -> settings.all())
        .post(
            "/alerts/ui/settings",
            Access.USER,
            "Creates or updates the current user's settings",
            Settings.class,
            Map.class,
            call -> {
              settings.save(call.user(), call.body());
              audit.record(call.user(), "ui.settings.save", call.user(), null, null, call.remote());
              return Map.of("user", call.user(), "saved", true);
            })
        .delete(
            "/alerts/ui/settings/{user}",
            Access.ADMIN,
            "Deletes a user's settings",
            call -> {
              String user = call.path("user");
              if (!settings.delete(user)) {
                throw ApiException.notFound("no settings for " + user);
              }
              audit.record(call.user(), "ui.settings.delete", user, null, null, call.remote());
              return Map.of("user", user, "deleted", true);
            })
        .get(
            "/alerts/ui/searches/shared",
            Access.USER,
            "Saved searches their owners shared with everyone",
            UserSettingsStore.SharedSearch[].class,
            call -> settings.shared())
        .get(
            "/alerts/ui/history/{guid}",
            Access.USER,
            "Every recorded change to an alert (status, assignee, comments, meta-alerts), newest"
                + " first, from the audit log",
            AuditLog.Entry[].class,
            call ->
                audit.read(
                    new AuditLog.Filter(null, null, guid(call.path("guid")), null, MAX_HISTORY)))
        .post(
            "/alerts/ui/histogram",
            Access.USER,
            "Counts the matches of a query per time bucket, for the histogram above the table",
            HistogramBody.class,
            Histogram.class,
            call -> histogram(store, call.body()))
        .get(
            "/alerts/ui/events",
            Access.USER,
            "Server-sent events: 'alerts' {total, newest} whenever the store gains documents",
            Void.class,
            events::subscribe);
  }

  /** A guid as the pipeline makes them (UUIDs, hex, dots, dashes), or a 400 naming the field. */
  static String guid(String guid) {
    if (guid == null || !GUID.matcher(guid).matches()) {
      throw ApiException.badRequest(
          "'" + guid + "' is not a guid (letters, digits, '.', '_', ':' and '-', at most 128)",
          "guid");
    }
    return guid;
  }

  static Histogram histogram(SearchStore store, HistogramBody b) throws SearchException {
    if (b.fromTime() == null || b.toTime() == null) {
      throw ApiException.badRequest(
          "fields 'fromTime' and 'toTime' are required (epoch ms)", "fromTime");
    }
    long from = b.fromTime();
    long to = b.toTime();
    if (to <= from) {
      throw ApiException.badRequest("field 'toTime' must be after 'fromTime'", "toTime");
    }
    int buckets = b.buckets() == null ? 48 : b.buckets();
    if (buckets < 1 || buckets > MAX_BUCKETS) {
      throw ApiException.badRequest(
          "field 'buckets' must be between 1 and " + MAX_BUCKETS + ", not " + buckets, "buckets");
    }
    long interval = Math.max(1, (to - from + buckets - 1) / buckets);
    List<Long> counts = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      long start = from + i * interval;
      SearchRequest count =
          new SearchRequest(
              b.query(), List.of(), 0, 0, start, start + interval, List.of(), List.of(), List.of());
      counts.add(store.search(count).total());
    }
    return new Histogram(from, from + buckets * interval, interval, counts);
  }
}
