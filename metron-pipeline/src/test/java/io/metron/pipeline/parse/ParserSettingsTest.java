package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParserSettingsTest {
  private enum Policy {
    OMIT,
    DASH
  }

  @Test
  void aChoiceAcceptsAnyCaseAndListsTheChoicesWhenWrong() throws Exception {
    ParserSettings settings = ParserSettings.of(Map.of("policy", "dash", "bad", "sideways"));
    assertThat(settings.choice("policy", Policy.class, Policy.OMIT)).isEqualTo(Policy.DASH);
    assertThat(settings.choice("absent", Policy.class, Policy.OMIT)).isEqualTo(Policy.OMIT);
    assertThatThrownBy(() -> settings.choice("bad", Policy.class, Policy.OMIT))
        .isInstanceOf(ParserConfigException.class)
        .hasMessageContaining("$.parserConfig.bad")
        .hasMessageContaining("unknown value 'sideways'; known: OMIT, DASH");
  }
}
