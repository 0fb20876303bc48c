package io.metron.server.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens, sent as {@code Authorization: Bearer mtr_<id>_<secret>}, kept in {@code
 * <data>/auth/tokens.json} as SHA-256 hashes of the secret (a token carries 256 random bits, so a
 * fast hash is enough; a slow one would only slow every request). A token acts as its user with
 * that user's current roles. Thread-safe.
 */
public final class TokenStore {
  private static final String PREFIX = "mtr_";

  /** A token as stored: never the secret. */
  public record Token(String id, String name, String user, String hash, long created) {}

  record Tokens(List<Token> tokens) {
    Tokens {
      tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
  }

  private final AuthFile<Tokens> file;
  private final SecureRandom random = new SecureRandom();

  public TokenStore(Path authDir) {
    this.file = new AuthFile<>(authDir.resolve("tokens.json"), Tokens.class, new Tokens(List.of()));
  }

  public List<Token> list() {
    return file.get().tokens();
  }

  /**
   * Creates a token for {@code user} and returns it; this is the only time the secret is seen.
   *
   * @param name what the token is for, e.g. "ci"
   */
  public String create(String user, String name, long now) {
    byte[] idBytes = new byte[4];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    Token token = new Token(id, name, user, sha256(secret), now);
    file.update(
        tokens -> {
          List<Token> more = new ArrayList<>(tokens.tokens());
          more.add(token);
          return new Tokens(more);
        });
    return PREFIX + id + "_" + secret;
  }

  /** The stored token {@code presented} proves, or empty. */
  public Optional<Token> verify(String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = presented.substring(PREFIX.length());
    int sep = rest.indexOf('_');
    if (sep <= 0) {
      return Optional.empty();
    }
    String id = rest.substring(0, sep);
    byte[] given = sha256(rest.substring(sep + 1)).getBytes(StandardCharsets.US_ASCII);
    for (Token t : list()) {
      if (t.id().equals(id)
          && MessageDigest.isEqual(given, t.hash().getBytes(StandardCharsets.US_ASCII))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Removes a token by id; false when there is none. */
  public boolean revoke(String id) {
    boolean[] found = {false};
    file.update(
        tokens -> {
          List<Token> kept = new ArrayList<>();
          for (Token t : tokens.tokens()) {
            if (t.id().equals(id)) {
              found[0] = true;
            } else {
              kept.add(t);
            }
          }
          return new Tokens(kept);
        });
    return found[0];
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
