package io.metron.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  @TempDir Path dir;

  private UserStore store() {
    return new UserStore(dir, new PasswordHasher(1024, 1, 1));
  }

  @Test
  void theFirstStartGeneratesAnAdminPasswordOnceAndNeverStoresIt() throws Exception {
    UserStore users = store();
    String generated = users.bootstrapAdmin(null).orElseThrow();
    assertThat(generated).hasSize(20);
    assertThat(users.authenticate("admin", generated)).isPresent();
    assertThat(users.find("admin").orElseThrow().roles()).contains(Role.ADMIN, Role.USER);
    assertThat(Files.readString(dir.resolve("users.json"))).doesNotContain(generated);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users.json"))))
        .isEqualTo("rw-------");
    assertThat(store().bootstrapAdmin(null)).isEmpty();
  }

  @Test
  void aWeakChosenAdminPasswordIsRefusedSayingWhy() {
    assertThatThrownBy(() -> store().bootstrapAdmin("metron"))
        .hasMessageContaining("METRON_ADMIN_PASSWORD is too weak")
        .hasMessageContaining("at least 12");
    assertThat(store().list()).isEmpty();
    assertThat(store().bootstrapAdmin("tangerine-lamp-42")).isEmpty();
    assertThat(store().authenticate("admin", "tangerine-lamp-42")).isPresent();
  }

  @Test
  void changesBySeveralStoresOnOneDirectoryAreAllKept() {
    UserStore server = store();
    UserStore cli = store();
    server.add("alice", "first-password-1", EnumSet.of(Role.USER));
    cli.add("bob", "second-password-2", EnumSet.of(Role.ADMIN));
    assertThat(server.list()).extracting(UserStore.User::name).containsExactly("alice", "bob");
    cli.setPassword("alice", "changed-password-3");
    assertThat(server.authenticate("alice", "first-password-1")).isEmpty();
    assertThat(server.authenticate("alice", "changed-password-3")).isPresent();
    assertThatThrownBy(() -> server.add("alice", "another-password-4", EnumSet.of(Role.USER)))
        .hasMessageContaining("exists already");
    assertThatThrownBy(() -> server.add("no spaces", "another-password-4", EnumSet.of(Role.USER)))
        .hasMessageContaining("not valid");
  }

  @Test
  void tokensAreStoredHashedAndVerifyOnlyWhole() throws Exception {
    TokenStore tokens = new TokenStore(dir);
    String token = tokens.create("alice", "ci", 1L);
    assertThat(token).startsWith("mtr_");
    assertThat(tokens.verify(token))
        .hasValueSatisfying(t -> assertThat(t.user()).isEqualTo("alice"));
    assertThat(Files.readString(dir.resolve("tokens.json"))).doesNotContain(token.substring(13));
    assertThat(tokens.verify(token + "x")).isEmpty();
    assertThat(tokens.verify("mtr_nope_nope")).isEmpty();
    assertThat(tokens.revoke(tokens.list().getFirst().id())).isTrue();
    assertThat(tokens.verify(token)).isEmpty();
  }
}
