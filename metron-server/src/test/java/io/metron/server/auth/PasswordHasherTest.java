package io.metron.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  // Cheap parameters keep the test quick; the format and the check are the same.
  private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
  }

  @Test
  void aHashKeepsItsOwnCostSoStrongerDefaultsStillVerifyOldHashes() {
    String old = hasher.hash("an older password");
    assertThat(PasswordHasher.standard().verify("an older password", old)).isTrue();
  }

  @Test
  void malformedHashesNeverVerify() {
    assertThat(hasher.verify("x", "plain")).isFalse();
    assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
    assertThat(hasher.verify("x", "$argon2id$v=19$m=x,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
    assertThat(hasher.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$!!!$aGFzaA")).isFalse();
    assertThat(hasher.verify(null, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
  }

  @Test
  void thePolicyNamesWhyAPasswordIsWeak() {
    assertThat(PasswordPolicy.weakness("admin", "short"))
        .hasValueSatisfying(r -> assertThat(r).contains("at least 12"));
    assertThat(PasswordPolicy.weakness("admin", "aaaaaaaaaaaaaaaa"))
        .hasValueSatisfying(r -> assertThat(r).contains("distinct"));
    assertThat(PasswordPolicy.weakness("admin", "Password123")).isPresent();
    assertThat(PasswordPolicy.weakness("admin", "password1234")).isPresent();
    assertThat(PasswordPolicy.weakness("alice", "alice-in-wonderland"))
        .hasValueSatisfying(r -> assertThat(r).contains("user name"));
    assertThat(PasswordPolicy.weakness("admin", "tangerine-lamp-42")).isEmpty();
  }
}
