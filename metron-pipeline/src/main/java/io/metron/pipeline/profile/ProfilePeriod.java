package io.metron.pipeline.profile;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One fixed-length profile period, as Metron's {@code ProfilePeriod}: the period id is {@code
 * epochMillis / durationMillis} and the period starts at {@code id * durationMillis}. Two
 * timestamps are in the same period exactly when their ids are equal. A Stellar value too: {@code
 * PROFILE_FIXED} and {@code PROFILE_WINDOW} return lists of these for {@code PROFILE_GET}.
 *
 * @param period the period id
 * @param durationMillis the length of every period
 */
public record ProfilePeriod(long period, long durationMillis) implements Serializable {

  public ProfilePeriod {
    if (durationMillis <= 0) {
      throw new IllegalArgumentException("a profile period must be longer than 0 ms");
    }
  }

  /** The period holding {@code epochMillis}. */
  public static ProfilePeriod of(long epochMillis, long durationMillis) {
    return new ProfilePeriod(Math.floorDiv(epochMillis, durationMillis), durationMillis);
  }

  public long startMillis() {
    return period * durationMillis;
  }

  /** The first instant after the period. */
  public long endMillis() {
    return startMillis() + durationMillis;
  }

  public ProfilePeriod next() {
    return new ProfilePeriod(period + 1, durationMillis);
  }

  /**
   * The periods from the one holding {@code startMillis} while their start is at most {@code
   * endMillis}, keeping those {@code include} accepts (Metron's {@code visitPeriods}).
   */
  public static List<ProfilePeriod> between(
      long startMillis, long endMillis, long durationMillis, Predicate<ProfilePeriod> include) {
    List<ProfilePeriod> out = new ArrayList<>();
    for (ProfilePeriod p = of(startMillis, durationMillis);
        p.startMillis() <= endMillis;
        p = p.next()) {
      if (include.test(p)) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "ProfilePeriod{period=" + period + ", durationMillis=" + durationMillis + "}";
  }
}
