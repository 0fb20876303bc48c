package io.metron.pipeline.load;

import java.util.Locale;

/**
 * How far a load has got, and its rendering as a one-line progress bar: {@code [######----] 61%
 * 612,000 rows 204,000 rows/s ETA 0:02}.
 *
 * @param rows rows stored so far
 * @param lines input lines (or whole files) read so far
 * @param bytesRead input bytes read so far
 * @param totalBytes the size of all inputs
 * @param elapsedNanos time since the load started
 */
public record LoadProgress(
    long rows, long lines, long bytesRead, long totalBytes, long elapsedNanos) {

  /** Rows per second so far. */
  public double rate() {
    return elapsedNanos <= 0 ? 0 : rows * 1e9 / elapsedNanos;
  }

  /** The fraction of input read, 0 to 1. */
  public double fraction() {
    return totalBytes <= 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
  }

  /** Seconds left at the current pace, or -1 when unknown. */
  public long etaSeconds() {
    double fraction = fraction();
    if (fraction <= 0 || elapsedNanos <= 0) {
      return -1;
    }
    return Math.round(elapsedNanos / 1e9 * (1 - fraction) / fraction);
  }

  /** The progress bar, {@code width} characters of bar. */
  public String render(int width) {
    int filled = (int) Math.round(fraction() * width);
    StringBuilder sb = new StringBuilder(width + 64).append('[');
    for (int i = 0; i < width; i++) {
      sb.append(i < filled ? '#' : '-');
    }
    sb.append("] ")
        .append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction() * 100)))
        .append(String.format(Locale.ROOT, "  %,d rows  %,.0f rows/s", rows, rate()));
    long eta = etaSeconds();
    sb.append("  ETA ").append(eta < 0 ? "?" : clock(eta));
    return sb.toString();
  }

  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
