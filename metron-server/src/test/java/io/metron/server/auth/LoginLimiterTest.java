package io.metron.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final MovingClock clock = new MovingClock();
  private final LoginLimiter limiter = new LoginLimiter(clock);

  @Test
  void theFirstFailuresAreFreeThenEachWaitDoubles() {
    for (int i = 0; i < LoginLimiter.FREE_FAILURES - 1; i++) {
      limiter.failed("alice", "10.0.0.1");
      assertThat(limiter.retryAfter("alice", "10.0.0.1")).isZero();
    }
    limiter.failed("alice", "10.0.0.1");
    assertThat(limiter.retryAfter("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    limiter.failed("alice", "10.0.0.1");
    assertThat(limiter.retryAfter("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    limiter.failed("alice", "10.0.0.1");
    assertThat(limiter.retryAfter("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void theWaitIsCapped() {
    assertThat(LoginLimiter.delay(100)).isEqualTo(LoginLimiter.MAX_DELAY);
    assertThat(LoginLimiter.delay(LoginLimiter.FREE_FAILURES + 20))
        .isEqualTo(LoginLimiter.MAX_DELAY);
  }

  @Test
  void guessingManyUsersFromOneAddressIsSlowedToo() {
    for (int i = 0; i < LoginLimiter.FREE_FAILURES; i++) {
      limiter.failed("user" + i, "10.0.0.9");
    }
    assertThat(limiter.retryAfter("someone-else", "10.0.0.9")).isPositive();
    assertThat(limiter.retryAfter("someone-else", "10.0.0.10")).isZero();
  }

  @Test
  void guessingOneUserFromManyAddressesIsSlowedToo() {
    for (int i = 0; i < LoginLimiter.FREE_FAILURES; i++) {
      limiter.failed("bob", "10.0.1." + i);
    }
    assertThat(limiter.retryAfter("bob", "10.9.9.9")).isPositive();
  }

  @Test
  void aSuccessClearsTheUsersCountAndOldFailuresAreForgotten() {
    for (int i = 0; i < LoginLimiter.FREE_FAILURES - 1; i++) {
      limiter.failed("carol", "10.0.2." + i);
    }
    limiter.succeeded("carol");
    limiter.failed("carol", "10.0.3.1");
    assertThat(limiter.retryAfter("carol", "10.0.3.2")).isZero();

    for (int i = 0; i < LoginLimiter.FREE_FAILURES; i++) {
      limiter.failed("dave", "10.0.4." + i);
    }
    clock.advance(Duration.ofHours(2));
    limiter.failed("dave", "10.0.4.99");
    assertThat(limiter.retryAfter("dave", "10.0.5.1")).isZero();
  }
}
