package io.metron.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #FREE_FAILURES} failed logins for a user name, or from a
 * remote address, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s, ... up
 * to 15 minutes). Keys are counted separately, so guessing many users from one address and one user
 * from many addresses are both slowed. A success clears the user's count; a key is forgotten an
 * hour after its last failure. Thread-safe.
 */
public final class LoginLimiter {
  public static final int FREE_FAILURES = 5;
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);
  private static final long FORGET_MILLIS = Duration.ofHours(1).toMillis();
  private static final int MAX_KEYS = 100_000;

  private record State(int failures, long blockedUntil, long lastFailure) {}

  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public LoginLimiter(Clock clock) {
    this.clock = clock;
  }

  /** How long to wait before another attempt for this user from this address; zero if allowed. */
  public Duration retryAfter(String user, String remote) {
    long now = clock.millis();
    long until = Math.max(blockedUntil(userKey(user), now), blockedUntil(remoteKey(remote), now));
    return until > now ? Duration.ofMillis(until - now) : Duration.ZERO;
  }

  /** Counts a failed attempt against the user and the address. */
  public void failed(String user, String remote) {
    long now = clock.millis();
    if (states.size() > MAX_KEYS) {
      states.values().removeIf(s -> now - s.lastFailure() > FORGET_MILLIS);
    }
    for (String key : new String[] {userKey(user), remoteKey(remote)}) {
      states.compute(
          key,
          (k, s) -> {
            int failures =
                (s == null || now - s.lastFailure() > FORGET_MILLIS) ? 1 : s.failures() + 1;
            long blockedUntil = failures < FREE_FAILURES ? 0 : now + delay(failures).toMillis();
            return new State(failures, blockedUntil, now);
          });
    }
  }

  /** A correct password: the user's count starts again. */
  public void succeeded(String user) {
    states.remove(userKey(user));
  }

  /** The wait after the {@code failures}-th failure. */
  static Duration delay(int failures) {
    int doublings = failures - FREE_FAILURES;
    if (doublings >= 30) {
      return MAX_DELAY;
    }
    Duration d = Duration.ofSeconds(1L << doublings);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  private long blockedUntil(String key, long now) {
    State s = states.get(key);
    return s == null ? 0 : s.blockedUntil();
  }

  private static String userKey(String user) {
    return "u\u0000" + (user == null ? "" : user);
  }

  private static String remoteKey(String remote) {
    return "r\u0000" + (remote == null ? "" : remote);
  }
}
