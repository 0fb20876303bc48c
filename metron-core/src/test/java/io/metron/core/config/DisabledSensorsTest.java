package io.metron.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisabledSensorsTest {
  @Test
  void aDisabledSensorIsLeftOutOfTheRunningConfigsAndTheOtherKeysStay() {
    Map<String, Object> global = Map.of("es.date.format", "yyyy.MM.dd");
    Map<String, Object> off = DisabledSensors.with(global, "bro", true);
    assertThat(off)
        .containsEntry("es.date.format", "yyyy.MM.dd")
        .containsEntry(DisabledSensors.KEY, List.of("bro"));
    assertThat(DisabledSensors.with(off, "snort", true).get(DisabledSensors.KEY))
        .isEqualTo(List.of("bro", "snort"));

    Configs configs =
        new Configs(
            new GlobalConfig(off),
            Map.of("bro", parser("bro"), "snort", parser("snort")),
            Map.of(),
            Map.of(),
            ProfilerConfig.none());
    Configs active = DisabledSensors.active(configs);
    assertThat(active.parsers()).containsOnlyKeys("snort");
    assertThat(active.global()).isEqualTo(configs.global());

    Map<String, Object> on = DisabledSensors.with(off, "bro", false);
    assertThat(on)
        .doesNotContainKey(DisabledSensors.KEY)
        .containsEntry("es.date.format", "yyyy.MM.dd");
    assertThat(DisabledSensors.of(new GlobalConfig(Map.of(DisabledSensors.KEY, "bro")))).isEmpty();
  }

  private static SensorParserConfig parser(String sensor) {
    try {
      return ConfigLoader.parserConfig(
          sensor, "{\"parserClassName\": \"org.apache.metron.parsers.bro.BasicBroParser\"}");
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }
}
