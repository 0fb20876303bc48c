package io.metron.pipeline.profile.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each country's rules against published calendars. */
class HolidayCalendarTest {

  private static Set<LocalDate> dates(String... isoDates) {
    return java.util.Arrays.stream(isoDates)
        .map(LocalDate::parse)
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void easterSundayOfKnownYears() {
    assertThat(HolidayCalendar.easterSunday(2019)).hasToString("2019-04-21");
    assertThat(HolidayCalendar.easterSunday(2024)).hasToString("2024-03-31");
    assertThat(HolidayCalendar.easterSunday(2025)).hasToString("2025-04-20");
    assertThat(HolidayCalendar.easterSunday(2026)).hasToString("2026-04-05");
  }

  @Test
  void unitedStatesFederalHolidaysWithObservedDays() {
    HolidayCalendar us = HolidayCalendar.of(List.of("us"));
    // 2026: Independence Day falls on a Saturday and is observed on Friday July 3
    assertThat(us.holidays(2026))
        .isEqualTo(
            dates(
                "2026-01-01",
                "2026-01-19",
                "2026-02-16",
                "2026-05-25",
                "2026-06-19",
                "2026-07-03",
                "2026-09-07",
                "2026-10-12",
                "2026-11-11",
                "2026-11-26",
                "2026-12-25"));
    // New Year's Day 2022 (a Saturday) was observed on Friday 2021-12-31
    assertThat(us.isHoliday(LocalDate.parse("2021-12-31"))).isTrue();
    assertThat(us.isHoliday(LocalDate.parse("2022-01-01"))).isFalse();
    // Christmas 2022 (a Sunday) was observed on Monday 2022-12-26
    assertThat(us.isHoliday(LocalDate.parse("2022-12-26"))).isTrue();
    assertThat(us.isHoliday(LocalDate.parse("2022-12-27"))).isFalse();
    // Juneteenth is a federal holiday only from 2021
    assertThat(us.isHoliday(LocalDate.parse("2019-06-19"))).isFalse();
  }

  @Test
  void unitedKingdomBankHolidaysMoveToTheNextFreeWeekday() {
    HolidayCalendar england = HolidayCalendar.of(List.of("gb"));
    assertThat(england.holidays(2025))
        .isEqualTo(
            dates(
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-05-05",
                "2025-05-26",
                "2025-08-25",
                "2025-12-25",
                "2025-12-26"));
    // Christmas on a Saturday, Boxing Day on a Sunday: Monday 27 and Tuesday 28
    assertThat(england.holidays(2021))
        .contains(LocalDate.parse("2021-12-27"))
        .contains(LocalDate.parse("2021-12-28"))
        .doesNotContain(LocalDate.parse("2021-12-25"));
    // Christmas on a Sunday: Boxing Day keeps Monday 26, Christmas moves to Tuesday 27
    assertThat(england.holidays(2022))
        .contains(LocalDate.parse("2022-12-26"), LocalDate.parse("2022-12-27"));
    HolidayCalendar scotland = HolidayCalendar.of(List.of("uk", "sct"));
    // New Year's Day on a Saturday and 2 January on a Sunday: Monday 3 and Tuesday 4
    assertThat(scotland.holidays(2022))
        .contains(LocalDate.parse("2022-01-03"), LocalDate.parse("2022-01-04"));
    assertThat(scotland.isHoliday(LocalDate.parse("2025-08-04"))).isTrue();
    assertThat(scotland.isHoliday(LocalDate.parse("2025-08-25"))).isFalse();
    assertThat(scotland.isHoliday(LocalDate.parse("2025-04-21"))).isFalse(); // no Easter Monday
    assertThat(HolidayCalendar.of(List.of("gb", "nir")).isHoliday(LocalDate.parse("2025-03-17")))
        .isTrue();
  }

  @Test
  void germanyAndFranceByEaster() {
    assertThat(HolidayCalendar.of(List.of("de")).holidays(2026))
        .isEqualTo(
            dates(
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-25",
                "2026-10-03",
                "2026-12-25",
                "2026-12-26"));
    HolidayCalendar france = HolidayCalendar.of(List.of("FRANCE"));
    assertThat(france.holidays(2026)).hasSize(11);
    assertThat(france.isHoliday(LocalDate.parse("2026-07-14"))).isTrue();
    assertThat(france.isHoliday(LocalDate.parse("2026-04-03"))).isFalse(); // no Good Friday
    assertThat(france.isHoliday(LocalDate.parse("2026-05-14"))).isTrue(); // Ascension
  }
}
