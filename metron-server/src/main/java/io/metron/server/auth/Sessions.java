package io.metron.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions, in memory: a restart logs everyone out, which is the safe failure. A session ends
 * after 30 idle minutes or 12 hours in all. Each has its own CSRF token, which a write made with
 * the session cookie must repeat in the {@value #CSRF_HEADER} header: a page on another site can
 * make the browser send the cookie, but cannot read the token. Thread-safe.
 */
public final class Sessions {
  public static final String COOKIE = "METRON_SESSION";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration ABSOLUTE = Duration.ofHours(12);

  /** One login. */
  public record Session(String id, String user, String csrfToken, long created) {}

  private record Live(Session session, long lastSeen) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Live> sessions = new ConcurrentHashMap<>();

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  public Session create(String user) {
    long now = clock.millis();
    sessions.values().removeIf(l -> expired(l, now));
    Session s = new Session(randomToken(), user, randomToken(), now);
    sessions.put(s.id(), new Live(s, now));
    return s;
  }

  /** The live session with this id, or empty; a found session's idle time starts again. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    Live live = sessions.get(id);
    if (live == null) {
      return Optional.empty();
    }
    if (expired(live, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    sessions.put(id, new Live(live.session(), now));
    return Optional.of(live.session());
  }

  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
  public static boolean csrfMatches(Session session, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.UTF_8),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean expired(Live l, long now) {
    return now - l.lastSeen() > IDLE.toMillis()
        || now - l.session().created() > ABSOLUTE.toMillis();
  }

  private String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
