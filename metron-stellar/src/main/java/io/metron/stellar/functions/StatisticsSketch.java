package io.metron.stellar.functions;

import com.tdunning.math.stats.TDigest;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Collection;

/**
 * The state behind STATS_*: count, sum, extremes and the first four central moments, kept online
 * (and mergeable, with Chan's formulas), plus a t-digest for percentiles. With a window size, only
 * the last {@code window} values count. Like Metron's provider it is updated in place and is not
 * thread-safe: one sketch belongs to one expression evaluation or profile period at a time.
 */
public final class StatisticsSketch implements Serializable {

  private static final double COMPRESSION = 100;

  private final int window;
  private final ArrayDeque<Double> values;
  private long n;
  private double mean;
  private double m2;
  private double m3;
  private double m4;
  private double sum;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double sumLogs;
  private double sumSquares;
  private TDigest digest = TDigest.createMergingDigest(COMPRESSION);

  public StatisticsSketch(int window) {
    this.window = Math.max(0, window);
    this.values = this.window > 0 ? new ArrayDeque<>() : null;
  }

  public void add(double x) {
    if (window > 0) {
      values.addLast(x);
      if (values.size() > window) {
        values.removeFirst();
      }
      recompute();
      return;
    }
    accumulate(x);
  }

  private void recompute() {
    n = 0;
    mean = m2 = m3 = m4 = sum = sumLogs = sumSquares = 0;
    min = max = Double.NaN;
    digest = TDigest.createMergingDigest(COMPRESSION);
    for (double v : values) {
      accumulate(v);
    }
  }

  private void accumulate(double x) {
    long n1 = n;
    n++;
    double delta = x - mean;
    double deltaN = delta / n;
    double deltaN2 = deltaN * deltaN;
    double term1 = delta * deltaN * n1;
    mean += deltaN;
    m4 += term1 * deltaN2 * ((double) n * n - 3.0 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
    m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
    m2 += term1;
    sum += x;
    min = Double.isNaN(min) ? x : Math.min(min, x);
    max = Double.isNaN(max) ? x : Math.max(max, x);
    sumLogs += Math.log(x);
    sumSquares += x * x;
    digest.add(x);
  }

  /** A new sketch holding everything in {@code sketches}. */
  public static StatisticsSketch merge(Collection<StatisticsSketch> sketches) {
    StatisticsSketch out = new StatisticsSketch(0);
    for (StatisticsSketch s : sketches) {
      if (s != null) {
        out.absorb(s);
      }
    }
    return out;
  }

  private void absorb(StatisticsSketch b) {
    if (b.n == 0) {
      return;
    }
    if (n == 0) {
      n = b.n;
      mean = b.mean;
      m2 = b.m2;
      m3 = b.m3;
      m4 = b.m4;
    } else {
      double na = n;
      double nb = b.n;
      double total = na + nb;
      double d = b.mean - mean;
      double d2 = d * d;
      double newM4 =
          m4
              + b.m4
              + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (total * total * total)
              + 6 * d2 * (na * na * b.m2 + nb * nb * m2) / (total * total)
              + 4 * d * (na * b.m3 - nb * m3) / total;
      double newM3 =
          m3
              + b.m3
              + d2 * d * na * nb * (na - nb) / (total * total)
              + 3 * d * (na * b.m2 - nb * m2) / total;
      m2 = m2 + b.m2 + d2 * na * nb / total;
      m3 = newM3;
      m4 = newM4;
      mean = mean + d * nb / total;
      n = n + b.n;
    }
    sum += b.sum;
    min = Double.isNaN(min) ? b.min : Double.isNaN(b.min) ? min : Math.min(min, b.min);
    max = Double.isNaN(max) ? b.max : Double.isNaN(b.max) ? max : Math.max(max, b.max);
    sumLogs += b.sumLogs;
    sumSquares += b.sumSquares;
    digest.add(b.digest);
  }

  public long count() {
    return n;
  }

  public double sum() {
    return sum;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double mean() {
    return n == 0 ? Double.NaN : mean;
  }

  public double variance() {
    return n == 0 ? Double.NaN : n == 1 ? 0.0 : m2 / (n - 1);
  }

  public double populationVariance() {
    return n == 0 ? Double.NaN : m2 / n;
  }

  public double standardDeviation() {
    return Math.sqrt(variance());
  }

  public double geometricMean() {
    return n == 0 ? Double.NaN : Math.exp(sumLogs / n);
  }

  public double quadraticMean() {
    return n == 0 ? Double.NaN : Math.sqrt(sumSquares / n);
  }

  public double sumOfLogs() {
    return sumLogs;
  }

  public double sumOfSquares() {
    return sumSquares;
  }

  /** Bias-corrected sample skewness (as Apache Commons Math computes it); NaN below 3 values. */
  public double skewness() {
    if (n < 3) {
      return Double.NaN;
    }
    double var = m2 / (n - 1);
    if (var < 1e-19) {
      return 0.0;
    }
    return (n * m3) / ((n - 1.0) * (n - 2.0) * Math.pow(var, 1.5));
  }

  /** Bias-corrected sample excess kurtosis (as Apache Commons Math computes it); NaN below 4. */
  public double kurtosis() {
    if (n < 4) {
      return Double.NaN;
    }
    double var = m2 / (n - 1);
    if (var < 1e-19) {
      return 0.0;
    }
    double d = n;
    double multiplier = d * (d + 1) / ((d - 1) * (d - 2) * (d - 3));
    double term2 = 3.0 * (d - 1) * (d - 1) / ((d - 2) * (d - 3));
    return multiplier * (m4 / (var * var)) - term2;
  }

  /** The approximate {@code p}th percentile, p in [0, 100]; NaN when empty. */
  public double percentile(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    return digest.quantile(Math.max(0, Math.min(100, p)) / 100.0);
  }

  @Override
  public String toString() {
    return "StatisticsSketch{count="
        + n
        + ", mean="
        + mean()
        + ", min="
        + min
        + ", max="
        + max
        + "}";
  }
}
