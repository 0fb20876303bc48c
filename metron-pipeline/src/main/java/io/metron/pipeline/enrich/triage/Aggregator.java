package io.metron.pipeline.enrich.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the scores of the rules that matched combine into {@code threat.triage.score}, exactly as
 * Metron's {@code Aggregators} did, quirks included:
 *
 * <ul>
 *   <li>no matched rule scores 0;
 *   <li>with {@code negativeValuesTrump} (the default, set in {@code aggregationConfig}) any
 *       negative score makes the result negative infinity (for {@code MEAN}: infinity divided by
 *       the count);
 *   <li>{@code MAX}, {@code MIN} and {@code SUM} fold from 0, so {@code MIN} of positive scores is
 *       0, as it was in Metron;
 *   <li>{@code POSITIVE_MEAN} averages the scores above 0 (0 when there are none).
 * </ul>
 */
public enum Aggregator {
  MAX,
  MIN,
  SUM,
  MEAN,
  POSITIVE_MEAN;

  /** The aggregator named {@code name} (case-insensitive); {@code MAX} when null. */
  public static Aggregator of(String name) {
    return name == null ? MAX : valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Combines {@code scores} under {@code config} ({@code aggregationConfig}). */
  public double aggregate(List<Double> scores, Map<String, Object> config) {
    boolean negativeTrumps = negativeValuesTrump(config);
    return switch (this) {
      case MAX -> fold(scores, negativeTrumps, Math::max);
      case MIN -> fold(scores, negativeTrumps, Math::min);
      case SUM -> fold(scores, negativeTrumps, Double::sum);
      case MEAN -> fold(scores, negativeTrumps, Double::sum) / Math.max(1, scores.size());
      case POSITIVE_MEAN -> positiveMean(scores, negativeTrumps);
    };
  }

  private interface Op {
    double apply(double a, double b);
  }

  private static double fold(List<Double> scores, boolean negativeTrumps, Op op) {
    double result = 0;
    for (double score : scores) {
      if (negativeTrumps && (score < 0 || result < 0)) {
        result = Double.NEGATIVE_INFINITY;
      } else {
        result = op.apply(result, score);
      }
    }
    return result;
  }

  private static double positiveMean(List<Double> scores, boolean negativeTrumps) {
    double sum = 0;
    int count = 0;
    for (double score : scores) {
      if (score < 0) {
        if (negativeTrumps) {
          return Double.NEGATIVE_INFINITY;
        }
      } else if (score > 0) {
        sum += score;
        count++;
      }
    }
    return count > 0 ? sum / count : 0;
  }

  /** Metron's default is true; a value it cannot read as a boolean keeps the default. */
  static boolean negativeValuesTrump(Map<String, Object> config) {
    Object value = config == null ? null : config.get("negativeValuesTrump");
    Boolean b = Booleans.parse(value);
    return b == null || b;
  }
}
