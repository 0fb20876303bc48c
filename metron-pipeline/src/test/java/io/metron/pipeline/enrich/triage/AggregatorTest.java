package io.metron.pipeline.enrich.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorTest {
  private static final Map<String, Object> DEFAULT = Map.of();
  private static final Map<String, Object> NEGATIVES_COUNT = Map.of("negativeValuesTrump", false);

  @Test
  void max() {
    assertThat(Aggregator.MAX.aggregate(List.of(10.0, 50.0, 20.0), DEFAULT)).isEqualTo(50.0);
  }

  @Test
  void minFoldsFromZeroAsMetronDid() {
    assertThat(Aggregator.MIN.aggregate(List.of(10.0, 50.0), DEFAULT)).isEqualTo(0.0);
    assertThat(Aggregator.MIN.aggregate(List.of(10.0, -5.0), NEGATIVES_COUNT)).isEqualTo(-5.0);
  }

  @Test
  void sum() {
    assertThat(Aggregator.SUM.aggregate(List.of(10.0, 50.0, 2.5), DEFAULT)).isEqualTo(62.5);
  }

  @Test
  void mean() {
    assertThat(Aggregator.MEAN.aggregate(List.of(10.0, 50.0, 0.0), DEFAULT)).isEqualTo(20.0);
  }

  @Test
  void positiveMeanIgnoresZeros() {
    assertThat(Aggregator.POSITIVE_MEAN.aggregate(List.of(10.0, 50.0, 0.0), DEFAULT))
        .isEqualTo(30.0);
    assertThat(Aggregator.POSITIVE_MEAN.aggregate(List.of(0.0), DEFAULT)).isEqualTo(0.0);
    assertThat(Aggregator.POSITIVE_MEAN.aggregate(List.of(10.0, -4.0), NEGATIVES_COUNT))
        .isEqualTo(10.0);
  }

  @Test
  void noScoresIsZero() {
    for (Aggregator a : Aggregator.values()) {
      assertThat(a.aggregate(List.of(), DEFAULT)).as(a.name()).isEqualTo(0.0);
    }
  }

  @Test
  void negativeValuesTrumpByDefault() {
    for (Aggregator a : Aggregator.values()) {
      assertThat(a.aggregate(List.of(10.0, -1.0, 20.0), DEFAULT))
          .as(a.name())
          .isEqualTo(Double.NEGATIVE_INFINITY);
    }
    assertThat(Aggregator.SUM.aggregate(List.of(10.0, -1.0), Map.of("negativeValuesTrump", "true")))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void negativeValuesCountWhenTurnedOff() {
    assertThat(Aggregator.SUM.aggregate(List.of(10.0, -1.0), NEGATIVES_COUNT)).isEqualTo(9.0);
    assertThat(Aggregator.MAX.aggregate(List.of(-10.0, -1.0), NEGATIVES_COUNT)).isEqualTo(0.0);
    assertThat(Aggregator.MEAN.aggregate(List.of(10.0, -4.0), NEGATIVES_COUNT)).isEqualTo(3.0);
  }

  @Test
  void namesAreCaseInsensitiveAndDefaultToMax() {
    assertThat(Aggregator.of(null)).isEqualTo(Aggregator.MAX);
    assertThat(Aggregator.of("positive_mean")).isEqualTo(Aggregator.POSITIVE_MEAN);
  }
}
