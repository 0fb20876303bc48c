package io.metron.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final LoginLimiterTest.MovingClock clock = new LoginLimiterTest.MovingClock();
  private final Sessions sessions = new Sessions(clock);

  @Test
  void onlyTheSessionsOwnCsrfTokenMatches() {
    Sessions.Session a = sessions.create("alice");
    Sessions.Session b = sessions.create("bob");
    assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
    assertThat(Sessions.csrfMatches(a, a.csrfToken())).isTrue();
    assertThat(Sessions.csrfMatches(a, b.csrfToken())).isFalse();
    assertThat(Sessions.csrfMatches(a, null)).isFalse();
    assertThat(Sessions.csrfMatches(a, "")).isFalse();
    assertThat(Sessions.csrfMatches(a, a.id())).isFalse();
  }

  @Test
  void aSessionEndsWhenIdleOrOldOrRemoved() {
    Sessions.Session idle = sessions.create("alice");
    clock.advance(Sessions.IDLE.plusSeconds(1));
    assertThat(sessions.find(idle.id())).isEmpty();

    Sessions.Session busy = sessions.create("bob");
    for (Duration spent = Duration.ZERO;
        spent.compareTo(Sessions.ABSOLUTE) <= 0;
        spent = spent.plus(Duration.ofMinutes(20))) {
      assertThat(sessions.find(busy.id())).isPresent();
      clock.advance(Duration.ofMinutes(20));
    }
    assertThat(sessions.find(busy.id())).isEmpty();

    Sessions.Session out = sessions.create("carol");
    sessions.remove(out.id());
    assertThat(sessions.find(out.id())).isEmpty();
    assertThat(sessions.find("made-up")).isEmpty();
  }
}
