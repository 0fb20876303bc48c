package io.metron.server.auth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users, kept in {@code <data>/auth/users.json} with Argon2id hashes. There is no default
 * password: {@link #bootstrapAdmin} creates {@code admin} on the first start, with a password the
 * operator chose ({@code METRON_ADMIN_PASSWORD}) or a generated one shown once. Thread-safe.
 */
public final class UserStore {
  public static final String ADMIN = "admin";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  /** A user as stored: never the password, only its hash. */
  public record User(String name, Set<Role> roles, String hash) {
    public User {
      roles = Set.copyOf(roles);
    }
  }

  /** The file's shape. */
  record Users(List<User> users) {
    Users {
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  private final AuthFile<Users> file;
  private final PasswordHasher hasher;
  private final SecureRandom random = new SecureRandom();

  public UserStore(Path authDir, PasswordHasher hasher) {
    this.file = new AuthFile<>(authDir.resolve("users.json"), Users.class, new Users(List.of()));
    this.hasher = hasher;
  }

  /** Every user, in the order they were added. */
  public List<User> list() {
    return file.get().users();
  }

  public Optional<User> find(String name) {
    return list().stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** The user whose password this is, or empty; the same work is done for unknown users. */
  public Optional<User> authenticate(String name, String password) {
    Optional<User> user = find(name);
    if (user.isEmpty()) {
      // Hash anyway, so timing does not tell which user names exist.
      hasher.verify(password, DUMMY);
      return Optional.empty();
    }
    return hasher.verify(password, user.get().hash()) ? user : Optional.empty();
  }

  private static final String DUMMY =
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
          + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  /** Adds a user; fails naming the problem if the name is taken or invalid or the password weak. */
  public User add(String name, String password, Set<Role> roles) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "user name '" + name + "' is not valid: use 1 to 64 of A-Z a-z 0-9 . _ @ -");
    }
    requireStrong(name, password);
    Set<Role> granted = EnumSet.of(Role.USER);
    granted.addAll(roles);
    User user = new User(name, granted, hasher.hash(password));
    file.update(
        users -> {
          if (users.users().stream().anyMatch(u -> u.name().equals(name))) {
            throw new IllegalArgumentException("user '" + name + "' exists already");
          }
          List<User> more = new ArrayList<>(users.users());
          more.add(user);
          return new Users(more);
        });
    return user;
  }

  /** Sets a user's password. */
  public void setPassword(String name, String password) {
    requireStrong(name, password);
    String hash = hasher.hash(password);
    file.update(
        users -> {
          List<User> changed = new ArrayList<>();
          boolean found = false;
          for (User u : users.users()) {
            if (u.name().equals(name)) {
              changed.add(new User(u.name(), u.roles(), hash));
              found = true;
            } else {
              changed.add(u);
            }
          }
          if (!found) {
            throw new IllegalArgumentException("no user '" + name + "'");
          }
          return new Users(changed);
        });
  }

  /**
   * On the first start (no users yet), creates {@code admin} with ADMIN and USER roles. Uses {@code
   * chosen} (from {@code METRON_ADMIN_PASSWORD}) if given, refusing it if weak; otherwise generates
   * a password and returns it so the caller can show it once.
   *
   * @return the generated password, or empty when none was generated
   */
  public Optional<String> bootstrapAdmin(String chosen) {
    if (!list().isEmpty()) {
      return Optional.empty();
    }
    if (chosen != null && !chosen.isEmpty()) {
      Optional<String> weak = PasswordPolicy.weakness(ADMIN, chosen);
      if (weak.isPresent()) {
        throw new IllegalArgumentException(
            "METRON_ADMIN_PASSWORD is too weak: " + weak.get() + ". Choose a stronger one.");
      }
      add(ADMIN, chosen, EnumSet.of(Role.ADMIN));
      return Optional.empty();
    }
    String generated = generatePassword();
    add(ADMIN, generated, EnumSet.of(Role.ADMIN));
    return Optional.of(generated);
  }

  /** A random 20-character password from an alphabet without look-alike characters. */
  public String generatePassword() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  private static void requireStrong(String name, String password) {
    Optional<String> weak = PasswordPolicy.weakness(name, password);
    if (weak.isPresent()) {
      throw new IllegalArgumentException("the password is too weak: " + weak.get());
    }
  }
}
