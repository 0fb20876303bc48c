package io.metron.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

  @Test
  void readsNumbersWithMetronsTypes() throws Exception {
    Message m =
        MessageCodec.read(
            "{\"ip_src_port\": 53, \"duration\": 0.25, \"timestamp\": 1700000000123}"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(m.get("ip_src_port")).isEqualTo(53L);
    assertThat(m.get("duration")).isEqualTo(0.25);
    assertThat(m.timestamp()).isEqualTo(1700000000123L);
  }

  @Test
  void roundTripsAndKeepsFieldOrder() throws Exception {
    Message m = Message.empty().put("b", "2").put("a", 1L).put("source.type", "bro");
    Message back = MessageCodec.read(MessageCodec.write(m));
    assertThat(back).isEqualTo(m);
    assertThat(back.fields().keySet()).containsExactly("b", "a", "source.type");
    assertThat(back.sourceType()).isEqualTo("bro");
  }

  @Test
  void rejectsWhatIsNotAnObjectWithAReason() {
    assertThatThrownBy(() -> MessageCodec.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> MessageCodec.read("{\"a\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> MessageCodec.read(new byte[0]))
        .isInstanceOf(MessageFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void puttingNullRemovesAField() {
    Message m = Message.empty().put("a", "x");
    m.put("a", null);
    assertThat(m.has("a")).isFalse();
    assertThat(m.fields()).isEmpty();
  }
}
