package io.metron.streams.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TailSpecTest {

  @Test
  void splitsAtTheLastColonSoPathsMayHoldColons() {
    assertThat(TailSpec.parse("/var/log/suricata/eve.json:suricata"))
        .isEqualTo(new TailSpec(Path.of("/var/log/suricata/eve.json"), "suricata"));
    assertThat(TailSpec.parse("/data/2024-05-01T10:00/app.log:app").file())
        .isEqualTo(Path.of("/data/2024-05-01T10:00/app.log"));
  }

  @Test
  void explainsMistakes() {
    assertThatThrownBy(() -> TailSpec.parse("/var/log/x.log"))
        .hasMessageContaining("tail spec '/var/log/x.log': expected FILE:SENSOR");
    assertThatThrownBy(() -> TailSpec.parse("/var/log/x.log:"))
        .hasMessageContaining("expected FILE:SENSOR");
    assertThatThrownBy(() -> TailSpec.parse(":bro")).hasMessageContaining("expected FILE:SENSOR");
    assertThatThrownBy(() -> TailSpec.parse("/x.log:b r o"))
        .hasMessageContaining("sensor 'b r o' is not a legal topic name");
    assertThatThrownBy(() -> TailSpec.parse(" ")).hasMessageContaining("empty");
  }
}
