package io.metron.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.metron.search.SearchException;
import io.metron.search.SearchRequest;
import io.metron.search.SearchResponse;
import io.metron.search.SearchStore;
import io.metron.server.api.ApiException;
import io.metron.server.api.Call;
import io.metron.server.api.Endpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for the Alerts UI as server-sent events: one poller asks the store every {@link
 * #INTERVAL} how many documents it holds and how new the newest is, and pushes an {@code alerts}
 * event to every connected client when either changed. The store's cost is one count per interval
 * however many browsers listen, and a client costs one idle connection: at most {@link
 * #MAX_CLIENTS} in all and {@link #MAX_PER_USER} per user, beyond which a client gets 429.
 */
public final class AlertEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvents.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often the store is asked. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  /** Connected clients, in all. */
  public static final int MAX_CLIENTS = 64;

  /** Connected clients of one user (a few browser tabs). */
  public static final int MAX_PER_USER = 4;

  private record Listener(String user, SseClient client) {}

  private final SearchStore store;
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("ui-alert-events").unstarted(r));
  private volatile Map<String, Object> last = Map.of();

  public AlertEvents(SearchStore store) {
    this.store = store;
    poller.scheduleWithFixedDelay(
        this::poll, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The SSE endpoint's action: keeps the connection open and sends the current state at once. */
  public Object subscribe(Call<Void> call) throws Exception {
    String user = call.user();
    synchronized (listeners) {
      if (listeners.size() >= MAX_CLIENTS) {
        throw new ApiException(429, "too many live clients (" + MAX_CLIENTS + "); try later");
      }
      long mine = listeners.stream().filter(l -> l.user().equals(user)).count();
      if (mine >= MAX_PER_USER) {
        throw new ApiException(
            429, user + " has " + mine + " live clients already (at most " + MAX_PER_USER + ")");
      }
    }
    new SseHandler(
            client -> {
              Listener listener = new Listener(user, client);
              listeners.add(listener);
              client.onClose(() -> listeners.remove(listener));
              client.keepAlive();
              if (last.isEmpty()) {
                poll();
              } else {
                send(listener, last);
              }
            })
        .handle(call.ctx());
    return Endpoint.HANDLED;
  }

  /** How many clients listen now. */
  public int clients() {
    return listeners.size();
  }

  private void poll() {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      SearchResponse newest = store.search(SearchRequest.of("*", 1));
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("total", newest.total());
      state.put(
          "newest",
          newest.hits().isEmpty() ? null : newest.hits().get(0).source().get("timestamp"));
      if (!state.equals(last)) {
        last = state;
        for (Listener l : listeners) {
          send(l, state);
        }
      }
    } catch (SearchException | RuntimeException e) {
      LOG.warn("Live alert events: cannot ask the store: {}", e.getMessage());
    }
  }

  private void send(Listener l, Map<String, Object> state) {
    if (l.client().terminated()) {
      listeners.remove(l);
      return;
    }
    try {
      l.client().sendEvent("alerts", JSON.writeValueAsString(state));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a map of numbers as JSON", e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    listeners.forEach(l -> l.client().close());
    listeners.clear();
  }
}
