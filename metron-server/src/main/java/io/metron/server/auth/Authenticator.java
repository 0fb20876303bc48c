package io.metron.server.auth;

import io.metron.server.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides who is calling, from the {@code Authorization} header (Basic or Bearer) or the session
 * cookie. Failed passwords count towards the {@link LoginLimiter} and are audited; a token's first
 * use in each ten minutes is audited. A verified Basic password is remembered for a few minutes (by
 * a hash of the header and the stored hash), so clients that send Basic on every request do not pay
 * for Argon2 every time. Thread-safe.
 */
public final class Authenticator {
  /** The user name the command line's local token acts as. */
  public static final String LOCAL_USER = "local";

  private static final long BASIC_CACHE_MILLIS = Duration.ofMinutes(5).toMillis();
  private static final long TOKEN_AUDIT_MILLIS = Duration.ofMinutes(10).toMillis();

  private record Verified(String user, String hash, long until) {}

  private final UserStore users;
  private final TokenStore tokens;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final AuditLog audit;
  private final Clock clock;
  private final String localToken;
  private final Map<String, Verified> basicCache = new ConcurrentHashMap<>();
  private final Map<String, Long> tokenAudited = new ConcurrentHashMap<>();

  public Authenticator(
      UserStore users,
      TokenStore tokens,
      Sessions sessions,
      LoginLimiter limiter,
      AuditLog audit,
      Clock clock,
      String localToken) {
    this.users = users;
    this.tokens = tokens;
    this.sessions = sessions;
    this.limiter = limiter;
    this.audit = audit;
    this.clock = clock;
    this.localToken = localToken;
  }

  /**
   * The caller, or an {@link AuthException} (401 or 429).
   *
   * @param authorization the {@code Authorization} header, or null
   * @param sessionId the session cookie's value, or null
   * @param onBehalfOf for the local token only: the command-line user, recorded as {@code
   *     local:<name>}
   * @param remote the caller's address
   */
  public Principal authenticate(
      String authorization, String sessionId, String onBehalfOf, String remote)
      throws AuthException {
    if (authorization != null && !authorization.isBlank()) {
      String[] parts = authorization.trim().split("\\s+", 2);
      String scheme = parts[0];
      String value = parts.length > 1 ? parts[1].trim() : "";
      if (scheme.equalsIgnoreCase("Basic")) {
        return basic(value, remote);
      }
      if (scheme.equalsIgnoreCase("Bearer")) {
        return bearer(value, onBehalfOf, remote);
      }
      throw new AuthException(
          401, "unsupported Authorization scheme '" + scheme + "': use Basic or Bearer", null);
    }
    if (sessionId != null) {
      Optional<Sessions.Session> s = sessions.find(sessionId);
      if (s.isPresent()) {
        Optional<UserStore.User> user = users.find(s.get().user());
        if (user.isPresent()) {
          return new Principal(
              user.get().name(), user.get().roles(), Principal.Via.SESSION, sessionId);
        }
      }
      throw new AuthException(401, "the session has ended; log in again", null);
    }
    throw new AuthException(
        401, "authentication required: HTTP Basic, a Bearer token or a login session", null);
  }

  /** Checks a password (for Basic and the login form), with the limiter and the audit log. */
  public UserStore.User login(String user, String password, String remote) throws AuthException {
    Duration wait = limiter.retryAfter(user, remote);
    if (!wait.isZero()) {
      throw new AuthException(
          429,
          "too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s",
          wait);
    }
    Optional<UserStore.User> found = users.authenticate(user, password);
    if (found.isEmpty()) {
      limiter.failed(user, remote);
      audit.record(user, "login.failure", user, null, null, remote);
      throw new AuthException(401, "wrong user name or password", null);
    }
    limiter.succeeded(user);
    return found.get();
  }

  private Principal basic(String value, String remote) throws AuthException {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AuthException(401, "the Basic credentials are not valid base64", null);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new AuthException(
          401, "the Basic credentials have no ':' between user and password", null);
    }
    String user = decoded.substring(0, colon);
    String cacheKey = TokenStore.sha256(decoded);
    long now = clock.millis();
    Verified v = basicCache.get(cacheKey);
    if (v != null && v.until() > now) {
      Optional<UserStore.User> current = users.find(v.user());
      if (current.isPresent() && current.get().hash().equals(v.hash())) {
        return new Principal(user, current.get().roles(), Principal.Via.BASIC, null);
      }
      basicCache.remove(cacheKey);
    }
    UserStore.User found = login(user, decoded.substring(colon + 1), remote);
    if (basicCache.size() > 10_000) {
      basicCache.clear();
    }
    basicCache.put(cacheKey, new Verified(found.name(), found.hash(), now + BASIC_CACHE_MILLIS));
    return new Principal(found.name(), found.roles(), Principal.Via.BASIC, null);
  }

  private Principal bearer(String value, String onBehalfOf, String remote) throws AuthException {
    if (localToken != null
        && MessageDigest.isEqual(
            localToken.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))) {
      String who =
          onBehalfOf == null || onBehalfOf.isBlank() ? LOCAL_USER : LOCAL_USER + ":" + onBehalfOf;
      return new Principal(who, Set.of(Role.ADMIN, Role.USER), Principal.Via.LOCAL, null);
    }
    Optional<TokenStore.Token> token = tokens.verify(value);
    if (token.isEmpty()) {
      throw new AuthException(401, "the Bearer token is not valid", null);
    }
    Optional<UserStore.User> user = users.find(token.get().user());
    if (user.isEmpty()) {
      throw new AuthException(401, "the Bearer token's user no longer exists", null);
    }
    long now = clock.millis();
    Long last = tokenAudited.get(token.get().id());
    if (last == null || now - last > TOKEN_AUDIT_MILLIS) {
      tokenAudited.put(token.get().id(), now);
      audit.record(user.get().name(), "token.use", "token:" + token.get().id(), null, null, remote);
    }
    return new Principal(user.get().name(), user.get().roles(), Principal.Via.TOKEN, null);
  }
}
