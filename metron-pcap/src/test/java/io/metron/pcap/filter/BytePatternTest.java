package io.metron.pcap.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The byteseek sequence syntax Metron's BYTEARRAY_MATCHER accepted. */
class BytePatternTest {
  static final byte[] DEADBEEF = HexFormat.of().parseHex("deadbeef");
  static final byte[] HOLE = HexFormat.of().parseHex("dead0000beef");
  static final byte[] FFS = HexFormat.of().parseHex("ffffffff");
  static final byte[] PAYLOAD = HexFormat.of().parseHex("0a0b2f56abd814bc56420489ca38e7faf8cec3d4");

  static boolean m(String pattern, byte[] data) {
    return BytePattern.compile(pattern).matches(data);
  }

  static byte[] join(byte[] a, String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    byte[] r = new byte[a.length + t.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(t, 0, r, a.length, t.length);
    return r;
  }

  @Test
  void hexTextWildcardsGroupsAndRepeats() {
    assertThat(m("2f56abd814bc56420489ca38e7faf8cec3d4", PAYLOAD)).isTrue();
    assertThat(m("3f56abd814bc56420489ca38e7faf8cec3d4", PAYLOAD)).isFalse();
    assertThat(m("2f56..14bc56420489ca38e7faf8cec3d4", PAYLOAD)).isTrue();
    assertThat(m("(2f56)(.){2}(14bc56420489ca38e7faf8cec3d4)", PAYLOAD)).isTrue();
    assertThat(m("(3f56)(.){2}(14bc56420489ca38e7faf8cec3d4)", PAYLOAD)).isFalse();
    assertThat(m("deadbeef `metron`", join(DEADBEEF, "MetronJones"))).isTrue();
    assertThat(m("deadbeef 'metron'", join(DEADBEEF, "MetronJones"))).isFalse();
    assertThat(m("`metron`", "edward metron example".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(m("([ff]){4}", FFS)).isTrue();
    assertThat(m("([ff]){6}", FFS)).isFalse();
    assertThat(m("[^ff]", new byte[] {0})).isTrue();
    assertThat(m("&01", new byte[] {7})).isTrue();
    assertThat(m("&01", new byte[] {0})).isFalse();
    assertThat(m("&01", new byte[] {0, 1})).isTrue();
    assertThat(m("(dead).{2}(beef)", HOLE)).isTrue();
  }

  @Test
  void rangesSetsShorthandsAndComments() {
    byte[] http = "GET /index.html HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(m("'HTTP/1.' '0'-'9' \\r \\n", http)).isTrue();
    assertThat(m("'GET' 20 [2f 5c]   # a path follows", http)).isTrue();
    assertThat(m("\\u\\u\\u 20", http)).isTrue();
    assertThat(m("^'G' 'ET'", http)).isFalse();
    assertThat(m("~80", http)).isFalse();
    assertThat(BytePattern.compile("'abc'{2} 00").length()).isEqualTo(7);
  }

  @Test
  void variableLengthAndBadSyntaxAreClearErrors() {
    assertThatThrownBy(() -> BytePattern.compile("de*ad"))
        .hasMessageContaining("'*' is not supported")
        .hasMessageContaining("position 2");
    assertThatThrownBy(() -> BytePattern.compile("'GET'{1,3}")).hasMessageContaining("{n,m}");
    assertThatThrownBy(() -> BytePattern.compile("(dead")).hasMessageContaining("missing ')'");
    assertThatThrownBy(() -> BytePattern.compile("'open")).hasMessageContaining("missing closing");
    assertThatThrownBy(() -> BytePattern.compile("zz")).hasMessageContaining("unexpected 'z'");
    assertThatThrownBy(() -> BytePattern.compile("  ")).hasMessageContaining("empty");
  }
}
