package io.metron.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void writesPrometheusTextWithLabelsAndHistogramBuckets() {
    Metrics metrics = new Metrics();
    metrics.counter("metron_parsed_total", "Messages parsed.", "sensor", "bro").add(3);
    metrics.counter("metron_parsed_total", "Messages parsed.", "sensor", "snort").increment();
    metrics.gauge("metron_index_lag", "Records not yet indexed.", () -> 42);
    Histogram latency = metrics.histogram("metron_latency_seconds", "End to end.");
    latency.record(3);
    latency.record(700);

    String text = metrics.prometheus();

    assertThat(text)
        .contains(
            "# HELP metron_parsed_total Messages parsed.\n# TYPE metron_parsed_total counter\n")
        .contains("metron_parsed_total{sensor=\"bro\"} 3\n")
        .contains("metron_parsed_total{sensor=\"snort\"} 1\n")
        .contains("# TYPE metron_index_lag gauge\nmetron_index_lag 42\n")
        .contains("metron_latency_seconds_bucket{le=\"0.005\"} 1\n")
        .contains("metron_latency_seconds_bucket{le=\"1.0\"} 2\n")
        .contains("metron_latency_seconds_bucket{le=\"+Inf\"} 2\n")
        .contains("metron_latency_seconds_count 2\n");
    assertThat(metrics.snapshot())
        .containsEntry("metron_parsed_total{sensor=\"bro\"}", 3.0)
        .containsEntry("metron_latency_seconds{quantile=\"0.99\"}", 700.0);
    assertThat(text).doesNotContain("le=\"0.7\"");
  }

  @Test
  void percentilesAreBucketUpperBounds() {
    Histogram h = new Histogram();
    for (int i = 0; i < 99; i++) {
      h.record(4);
    }
    h.record(15_000);
    assertThat(h.percentile(50)).isEqualTo(4);
    assertThat(h.percentile(99)).isEqualTo(4);
    assertThat(h.percentile(100)).isEqualTo(15_000);
    assertThat(new Histogram().percentile(99)).isZero();
  }

  @Test
  void percentilesAroundSecondsAreWithinATenthOfTheValue() {
    for (long millis : new long[] {101, 999, 1_001, 1_850, 2_049, 9_999, 12_345, 654_321}) {
      Histogram h = new Histogram();
      h.record(millis);
      assertThat(h.percentile(99)).isBetween(millis, millis + millis / 10);
    }
    Histogram h = new Histogram();
    h.record(1_950);
    h.record(2_000);
    h.record(2_001);
    assertThat(h.percentile(60)).isEqualTo(2_000);
    assertThat(h.percentile(100)).isEqualTo(2_100);
    h.record(5_000_000);
    assertThat(h.percentile(100)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void everyExposedBoundIsABucketBoundSoTheScrapedCountsAreExact() {
    assertThat(Histogram.BOUNDS).contains(Histogram.EXPOSED);
    Metrics metrics = new Metrics();
    Histogram h = metrics.histogram("lat_seconds", "Latency.");
    h.record(1_999);
    h.record(2_000);
    h.record(2_001);
    assertThat(metrics.prometheus())
        .contains("lat_seconds_bucket{le=\"1.0\"} 0\n")
        .contains("lat_seconds_bucket{le=\"2.0\"} 2\n")
        .contains("lat_seconds_bucket{le=\"5.0\"} 3\n")
        .contains("lat_seconds_bucket{le=\"+Inf\"} 3\n");
  }
}
