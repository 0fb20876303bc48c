package io.metron.streams.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HecTokenTest {

  @Test
  void readsTokensFromConfig() {
    List<HecToken> tokens =
        HecToken.fromConfig(
            List.of(
                Map.of("token", "abc", "sensor", "bro"),
                Map.of(
                    "token",
                    "def",
                    "sensor",
                    "suricata",
                    "indexes",
                    List.of("snort"),
                    "disabled",
                    true)),
            "ingest.hec.tokens");
    assertThat(tokens).hasSize(2);
    assertThat(tokens.get(0)).isEqualTo(new HecToken("abc", "bro", Set.of(), false));
    assertThat(tokens.get(1).allows("snort")).isTrue();
    assertThat(tokens.get(1).allows("suricata")).isTrue();
    assertThat(tokens.get(1).allows("bro")).isFalse();
    assertThat(tokens.get(1).disabled()).isTrue();
  }

  @Test
  void listsEveryProblemWithItsPath() {
    assertThatThrownBy(
            () ->
                HecToken.fromConfig(
                    List.of(
                        Map.of("token", "abc", "sensor", "bro", "colour", "red"),
                        Map.of("sensor", "bro"),
                        Map.of("token", "abc", "sensor", "no/slash"),
                        "text"),
                    "hec"))
        .hasMessageContaining("hec[0].colour: unknown key")
        .hasMessageContaining("hec[1].token: expected a non-empty string")
        .hasMessageContaining("hec[2].token: the same token appears twice")
        .hasMessageContaining("hec[2].sensor: expected a sensor name")
        .hasMessageContaining("hec[3]: expected an object");
    assertThatThrownBy(() -> HecToken.fromConfig(Map.of(), "hec"))
        .hasMessageContaining("hec: expected a list");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(HecToken.of("s3cret-token", "bro").toString()).doesNotContain("s3cret");
  }
}
