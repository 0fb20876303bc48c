package io.metron.server.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters, more than a few distinct ones,
 * not a well-known password and not the user name. The answer says why a password is weak, so the
 * user can choose a better one at once.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;

  private static final Set<String> COMMON =
      Set.of(
          "password",
          "password1",
          "password123",
          "passw0rd",
          "123456789012",
          "1234567890123",
          "qwertyuiopas",
          "administrator",
          "changemechangeme",
          "letmeinletmein",
          "metronmetron",
          "iloveyou1234",
          "welcome12345",
          "adminadminadmin");

  /** Words that stay well-known with digits or symbols around them ("Password123!"). */
  private static final Set<String> BASES =
      Set.of(
          "password",
          "passw",
          "passwort",
          "qwerty",
          "qwertyuiop",
          "letmein",
          "welcome",
          "admin",
          "administrator",
          "metron",
          "changeme",
          "iloveyou",
          "monkey",
          "dragon",
          "secret",
          "abcdef",
          "abcdefgh",
          "abc");

  private PasswordPolicy() {}

  /** Why {@code password} is too weak for {@code user}, or empty when it is acceptable. */
  public static Optional<String> weakness(String user, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of(
          "it has "
              + (password == null ? 0 : password.length())
              + " characters; use at least "
              + MIN_LENGTH);
    }
    if (password.chars().distinct().count() < 5) {
      return Optional.of("it repeats too few different characters; use at least 5 distinct ones");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String base = lower.replaceAll("[^a-z]+$", "").replaceAll("^[^a-z]+", "");
    if (COMMON.contains(lower) || BASES.contains(base)) {
      return Optional.of("it is a well-known password");
    }
    if (user != null && !user.isBlank() && lower.contains(user.toLowerCase(Locale.ROOT))) {
      return Optional.of("it contains the user name '" + user + "'");
    }
    return Optional.empty();
  }
}
