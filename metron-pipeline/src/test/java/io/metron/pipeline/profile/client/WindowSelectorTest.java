package io.metron.pipeline.profile.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSelectorTest {
  private static final long HOUR = 3_600_000;
  private static final long MINUTE = 60_000;
  // Wednesday 2026-12-02 12:00 UTC
  private static final long NOW =
      ZonedDateTime.of(2026, 12, 2, 12, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

  @Test
  void fromToIsOneDenseInterval() {
    WindowSelector w = WindowSelector.parse("from 5 hours ago to 1 hour ago");
    assertThat(w.intervals(NOW))
        .containsExactly(new WindowSelector.Interval(NOW - 5 * HOUR, NOW - HOUR));
    assertThat(WindowSelector.parse("FROM 2 Days").intervals(NOW))
        .containsExactly(new WindowSelector.Interval(NOW - 48 * HOUR, NOW));
    assertThat(WindowSelector.parse("1 hour").intervals(NOW))
        .containsExactly(new WindowSelector.Interval(NOW - HOUR, NOW));
  }

  @Test
  void repeatingWindowsStepByTheSkipDistance() {
    List<WindowSelector.Interval> i =
        WindowSelector.parse("30 minute window every hour from 3 hours ago").intervals(NOW);
    assertThat(i)
        .containsExactly(
            new WindowSelector.Interval(NOW - 3 * HOUR, NOW - 3 * HOUR + 30 * MINUTE),
            new WindowSelector.Interval(NOW - 2 * HOUR, NOW - 2 * HOUR + 30 * MINUTE),
            new WindowSelector.Interval(NOW - HOUR, NOW - HOUR + 30 * MINUTE));
  }

  @Test
  void exclusionsBeatInclusions() {
    // 14 daily windows back from a Wednesday: 4 weekend days among them
    String s = "1 hour window every 1 day from 14 days ago";
    assertThat(WindowSelector.parse(s).intervals(NOW)).hasSize(14);
    assertThat(WindowSelector.parse(s + " excluding weekends").intervals(NOW)).hasSize(10);
    assertThat(WindowSelector.parse(s + " including weekends").intervals(NOW)).hasSize(4);
    assertThat(WindowSelector.parse(s + " including weekdays excluding mondays").intervals(NOW))
        .hasSize(8);
    assertThat(WindowSelector.parse(s + " including this day of the week").intervals(NOW))
        .hasSize(2)
        .allSatisfy(
            i ->
                assertThat(Instant.ofEpochMilli(i.start()).atZone(ZoneOffset.UTC).getDayOfWeek())
                    .hasToString("WEDNESDAY"));
    assertThat(
            WindowSelector.parse(s + " excluding date:2026/11/30, date:20261201:yyyyMMdd")
                .intervals(NOW))
        .hasSize(12);
  }

  @Test
  void holidaysExcludeAndIncludeTheCountrysDays() {
    // 14 daily windows from Wednesday 2026-11-18 12:00: US Thanksgiving (Thursday 11-26) among them
    String s = "1 hour window every 1 day from 14 days ago";
    assertThat(WindowSelector.parse(s + " excluding holidays:us").intervals(NOW)).hasSize(13);
    assertThat(WindowSelector.parse(s + " including holidays:us").intervals(NOW))
        .singleElement()
        .satisfies(
            i ->
                assertThat(Instant.ofEpochMilli(i.start()).atZone(ZoneOffset.UTC).toLocalDate())
                    .hasToString("2026-11-26"));
    assertThat(WindowSelector.parse(s + " excluding weekends, holidays:US").intervals(NOW))
        .hasSize(9);
    // no holiday of Germany or France in that fortnight
    assertThat(WindowSelector.parse(s + " excluding holidays:de").intervals(NOW)).hasSize(14);
    assertThat(WindowSelector.parse(s + " including holiday:GERMANY").intervals(NOW)).isEmpty();
  }

  @Test
  void unknownHolidayCountriesAndRegionsAreNamedAndBadSyntaxNamesTheWord() {
    assertThatThrownBy(() -> WindowSelector.parse("from 7 days ago excluding holidays:zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'holidays:zz'")
        .hasMessageContaining("no holiday rules for country 'zz'")
        .hasMessageContaining("us, gb, de, fr");
    assertThatThrownBy(() -> WindowSelector.parse("from 7 days ago excluding holidays:gb:xyz"))
        .hasMessageContaining("region 'xyz'")
        .hasMessageContaining("sct");
    assertThatThrownBy(() -> WindowSelector.parse("from 7 fortnights ago"))
        .hasMessageContaining("expected a time unit")
        .hasMessageContaining("'fortnights'");
    assertThatThrownBy(() -> WindowSelector.parse("from 1 day ago banana"))
        .hasMessageContaining("found 'banana'");
  }
}
