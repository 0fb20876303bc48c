package io.metron.pipeline.parse.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SyslogTimeTest {
  private static final Clock NEW_YEAR =
      Clock.fixed(Instant.parse("2025-01-01T00:10:00Z"), ZoneOffset.UTC);

  private static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void yearLessTimesTakeTheClocksYearOrTheOneBeforeWhenInTheFuture() {
    assertThat(SyslogTime.parse("Jan  1 00:05:00", NEW_YEAR, ZoneOffset.UTC))
        .isEqualTo(millis("2025-01-01T00:05:00Z"));
    assertThat(SyslogTime.parse("Dec 31 23:59:59", NEW_YEAR, ZoneOffset.UTC))
        .isEqualTo(millis("2024-12-31T23:59:59Z"));
  }

  @Test
  void readsTheDeviceZoneAYearAFractionAndIso8601() {
    assertThat(SyslogTime.parse("Jun  1 12:00:00", NEW_YEAR, ZoneId.of("Europe/Paris")))
        .isEqualTo(millis("2024-06-01T10:00:00Z"));
    assertThat(SyslogTime.parse("Jun 01 2023 12:00:00", NEW_YEAR, ZoneOffset.UTC))
        .isEqualTo(millis("2023-06-01T12:00:00Z"));
    assertThat(SyslogTime.parse("Jun  1 12:00:00.250", NEW_YEAR, ZoneOffset.UTC))
        .isEqualTo(millis("2024-06-01T12:00:00.250Z"));
    assertThat(SyslogTime.parse("2024-06-01T12:00:00+02:00", NEW_YEAR, ZoneOffset.UTC))
        .isEqualTo(millis("2024-06-01T10:00:00Z"));
  }

  @Test
  void impossibleDatesAreErrors() {
    assertThatThrownBy(() -> SyslogTime.parse("Feb 30 10:00:00", NEW_YEAR, ZoneOffset.UTC))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> SyslogTime.parse("Foo  1 10:00:00", NEW_YEAR, ZoneOffset.UTC))
        .isInstanceOf(DateTimeException.class);
  }

  @Test
  void priorityNamesFacilityAndSeverity() {
    assertThat(SyslogPriority.facility(166)).isEqualTo("local4");
    assertThat(SyslogPriority.severity(166)).isEqualTo("info");
    assertThat(SyslogPriority.severity(164)).isEqualTo("warn");
    assertThat(SyslogPriority.facility(9 * 8)).isEqualTo("unknown");
    assertThat(SyslogPriority.facility(999)).isEqualTo("unknown");
  }
}
