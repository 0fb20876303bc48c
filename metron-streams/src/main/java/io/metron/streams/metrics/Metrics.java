package io.metron.streams.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The platform's metrics: counters, gauges and latency histograms, each named with Prometheus
 * conventions and labelled by stage and sensor. Stages look up their counter once and keep it, so
 * counting on the hot path is one {@link LongAdder#increment()}. Thread-safe.
 */
public final class Metrics {
  private final ConcurrentMap<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Supplier<? extends Number>> gauges =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicLong> latest = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  /**
   * The counter {@code name} with {@code labels} (alternating names and values), created on first
   * use.
   */
  public LongAdder counter(String name, String help, String... labels) {
    this.help.putIfAbsent(name, help);
    return counters.computeIfAbsent(series(name, labels), k -> new LongAdder());
  }

  public void gauge(String name, String help, Supplier<? extends Number> value, String... labels) {
    this.help.putIfAbsent(name, help);
    gauges.put(series(name, labels), value);
  }

  /**
   * A value that only moves forward (the time of a sensor's latest record, say), shared by every
   * caller with the same name and labels and exported as a gauge.
   */
  public AtomicLong latest(String name, String help, String... labels) {
    this.help.putIfAbsent(name, help);
    AtomicLong value = latest.computeIfAbsent(series(name, labels), k -> new AtomicLong());
    gauges.putIfAbsent(series(name, labels), value::get);
    return value;
  }

  public Histogram histogram(String name, String help, String... labels) {
    this.help.putIfAbsent(name, help);
    return histograms.computeIfAbsent(series(name, labels), k -> new Histogram());
  }

  /** Every series and its current value, sorted by name: what {@code metron status} shows. */
  public Map<String, Double> snapshot() {
    Map<String, Double> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, (double) v.sum()));
    gauges.forEach(
        (k, v) -> {
          Number n = v.get();
          out.put(k, n == null ? Double.NaN : n.doubleValue());
        });
    histograms.forEach(
        (k, h) -> {
          out.put(withSuffix(k, "_count"), (double) h.count());
          out.put(withQuantile(k, "0.5"), (double) h.percentile(50));
          out.put(withQuantile(k, "0.99"), (double) h.percentile(99));
        });
    return out;
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public String prometheus() {
    StringBuilder out = new StringBuilder();
    TreeMap<String, String> families = new TreeMap<>();
    counters.keySet().forEach(k -> families.put(family(k), "counter"));
    gauges.keySet().forEach(k -> families.put(family(k), "gauge"));
    histograms.keySet().forEach(k -> families.put(family(k), "histogram"));
    for (Map.Entry<String, String> family : families.entrySet()) {
      String name = family.getKey();
      out.append("# HELP ")
          .append(name)
          .append(' ')
          .append(help.getOrDefault(name, name))
          .append('\n');
      out.append("# TYPE ").append(name).append(' ').append(family.getValue()).append('\n');
      new TreeMap<>(counters).forEach((k, v) -> appendIf(out, name, k, Long.toString(v.sum())));
      new TreeMap<>(gauges)
          .forEach(
              (k, v) -> {
                Number n = v.get();
                appendIf(out, name, k, n == null ? "NaN" : n.toString());
              });
      new TreeMap<>(histograms)
          .forEach(
              (k, h) -> {
                if (!family(k).equals(name)) {
                  return;
                }
                long[] cumulative = h.cumulative();
                for (int i = 0; i < cumulative.length; i++) {
                  String le =
                      Histogram.EXPOSED[i] == Long.MAX_VALUE
                          ? "+Inf"
                          : Double.toString(Histogram.EXPOSED[i] / 1000.0);
                  out.append(withLabel(withSuffix(k, "_bucket"), "le", le))
                      .append(' ')
                      .append(cumulative[i])
                      .append('\n');
                }
                out.append(withSuffix(k, "_sum")).append(' ').append(h.sum() / 1000.0).append('\n');
                out.append(withSuffix(k, "_count")).append(' ').append(h.count()).append('\n');
              });
    }
    return out.toString();
  }

  private static void appendIf(StringBuilder out, String family, String series, String value) {
    if (family(series).equals(family)) {
      out.append(series).append(' ').append(value).append('\n');
    }
  }

  static String series(String name, String... labels) {
    if (labels.length == 0) {
      return name;
    }
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name-value pairs");
    }
    StringBuilder b = new StringBuilder(name).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      if (i > 0) {
        b.append(',');
      }
      b.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
    }
    return b.append('}').toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String family(String series) {
    int brace = series.indexOf('{');
    return brace < 0 ? series : series.substring(0, brace);
  }

  private static String withSuffix(String series, String suffix) {
    int brace = series.indexOf('{');
    return brace < 0
        ? series + suffix
        : series.substring(0, brace) + suffix + series.substring(brace);
  }

  private static String withLabel(String series, String label, String value) {
    int brace = series.indexOf('{');
    if (brace < 0) {
      return series + "{" + label + "=\"" + value + "\"}";
    }
    return series.substring(0, series.length() - 1) + "," + label + "=\"" + value + "\"}";
  }

  private static String withQuantile(String series, String q) {
    return withLabel(series, "quantile", q);
  }
}
