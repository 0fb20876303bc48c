package io.metron.search.metaalert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statistics Metron kept on a meta-alert over its alerts' threat scores: {@code max, min,
 * average, count, sum, median}. Alerts without a numeric score are left out. With no scores every
 * statistic is 0, so a meta-alert always sorts.
 */
public record MetaScores(
    double max, double min, double average, long count, double sum, double median) {

  /** The statistics of {@code scores}. */
  public static MetaScores of(List<Double> scores) {
    if (scores.isEmpty()) {
      return new MetaScores(0, 0, 0, 0, 0, 0);
    }
    List<Double> sorted = new ArrayList<>(scores);
    Collections.sort(sorted);
    double sum = 0;
    for (double s : sorted) {
      sum += s;
    }
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return new MetaScores(sorted.getLast(), sorted.getFirst(), sum / n, n, sum, median);
  }

  /** The statistic {@code aggregation} names. */
  public double get(ScoreAggregation aggregation) {
    return switch (aggregation) {
      case SUM -> sum;
      case MAX -> max;
      case MIN -> min;
      case AVERAGE -> average;
      case MEDIAN -> median;
      case COUNT -> count;
    };
  }
}
