package io.metron.stellar.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Kryo 3's encodings of the default-registered types, byte for byte. */
class KryoBytesTest {

  private static String hex(Object value) {
    return HexFormat.of().formatHex(KryoBytes.of(value));
  }

  @Test
  void stringsCarryTheirClassAReferenceMarkerAndAsciiWithTheLastBitSet() {
    assertThat(hex("abc")).isEqualTo("03" + "01" + "6162" + "e3");
    assertThat(hex("")).isEqualTo("030181");
    // one char, or anything beyond ASCII, is length-prefixed (length + 1, flagged)
    assertThat(hex("a")).isEqualTo("030182" + "61");
    assertThat(hex("é")).isEqualTo("030182" + "c3a9");
  }

  @Test
  void longStringsUseTheContinuedLengthForm() {
    String s = "x".repeat(100);
    // 101 = 0b1100101: low six bits with flags 0xC0, then the rest
    assertThat(hex(s)).startsWith("0301" + "e5" + "01" + "7878");
  }

  @Test
  void numbersAreZigZagVarIntsOrBigEndianBits() {
    assertThat(hex(1)).isEqualTo("0202");
    assertThat(hex(-1)).isEqualTo("0201");
    assertThat(hex(300)).isEqualTo("02d804");
    assertThat(hex(1L)).isEqualTo("0902");
    assertThat(hex(1.0)).isEqualTo("0a3ff0000000000000");
    assertThat(hex(1.0f)).isEqualTo("043f800000");
    assertThat(hex(true)).isEqualTo("0501");
    assertThat(hex(null)).isEqualTo("00");
  }
}
