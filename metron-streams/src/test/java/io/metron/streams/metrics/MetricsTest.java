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
        .containsEntry("metron_latency_seconds{quantile=\"0.99\"}", 1000.0);
  }

  @Test
  void percentilesAreBucketUpperBounds() {
    Histogram h = new Histogram();
    for (int i = 0; i < 99; i++) {
      h.record(4);
    }
    h.record(15_000);
    assertThat(h.percentile(50)).isEqualTo(5);
    assertThat(h.percentile(99)).isEqualTo(5);
    assertThat(h.percentile(100)).isEqualTo(20_000);
    assertThat(new Histogram().percentile(99)).isZero();
  }
}
