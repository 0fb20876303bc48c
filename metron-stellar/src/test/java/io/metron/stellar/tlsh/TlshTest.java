package io.metron.stellar.tlsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TlshTest {

  // our own text, long enough for a conservative (unforced) digest too
  private static final String TEXT =
      "A locality-sensitive hash puts similar inputs near each other: change a word in a long"
          + " paragraph and the digest moves a little, not completely. That makes it useful for"
          + " clustering malware samples, phishing pages or log lines that differ only in the"
          + " details, such as timestamps, host names and counters that change on every run.";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void thePearsonTableIsAPermutation() {
    int[] table = Tlsh.pearsonTable();
    assertThat(table).hasSize(256);
    int[] sorted = table.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 256; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void digestShapesFollowTheOptions() {
    byte[] data = bytes(TEXT);
    assertThat(data.length).isGreaterThan(Tlsh.MIN_CONSERVATIVE_LENGTH);
    assertThat(Tlsh.digest(data, Tlsh.Buckets.B128, 1, true)).hasSize(70).matches("[0-9A-F]+");
    assertThat(Tlsh.digest(data, Tlsh.Buckets.B128, 3, true)).hasSize(74);
    assertThat(Tlsh.digest(data, Tlsh.Buckets.B256, 1, true)).hasSize(134);
    assertThat(Tlsh.digest(data, Tlsh.Buckets.B256, 3, false)).hasSize(138);
    assertThatThrownBy(() -> Tlsh.digest(data, Tlsh.Buckets.B128, 2, true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDigestIsDeterministicAndTheThreeByteChecksumExtendsTheOneByte() {
    String one = Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B128, 1, true);
    String three = Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B128, 3, true);
    assertThat(Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B128, 1, true)).isEqualTo(one);
    assertThat(three.substring(0, 2)).isEqualTo(one.substring(0, 2));
    assertThat(three.substring(6)).isEqualTo(one.substring(2));
  }

  @Test
  void theLengthByteIsTheLogarithmOfTheLength() {
    assertThat(Tlsh.lengthByte(50)).isEqualTo(9);
    assertThat(Tlsh.lengthByte(656)).isEqualTo(15);
    assertThat(Tlsh.lengthByte(657)).isEqualTo(16);
    assertThat(Tlsh.lengthByte(3200)).isEqualTo(22);
  }

  @Test
  void shortOrUniformInputHasNoDigest() {
    assertThat(Tlsh.digest(bytes("too short to hash"), Tlsh.Buckets.B128, 1, true)).isNull();
    assertThat(Tlsh.digest(new byte[1000], Tlsh.Buckets.B128, 1, true)).isNull();
    byte[] hundred = Arrays.copyOf(bytes(TEXT), 100);
    assertThat(Tlsh.digest(hundred, Tlsh.Buckets.B128, 1, true)).isNotNull();
    assertThat(Tlsh.digest(hundred, Tlsh.Buckets.B128, 1, false)).isNull();
  }

  @Test
  void similarInputsAreCloseAndDifferentInputsFar() {
    String a = Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B128, 1, true);
    String b = Tlsh.digest(bytes(TEXT.replace("phishing", "fishing")), Tlsh.Buckets.B128, 1, true);
    byte[] noise = new byte[TEXT.length()];
    new Random(7).nextBytes(noise);
    String c = Tlsh.digest(noise, Tlsh.Buckets.B128, 1, true);
    assertThat(a).isNotEqualTo(b);
    assertThat(Tlsh.distance(a, a, true)).isZero();
    assertThat(Tlsh.distance(a, b, false)).isEqualTo(Tlsh.distance(b, a, false)).isBetween(1, 50);
    assertThat(Tlsh.distance(a, c, false)).isGreaterThan(100);
    assertThat(Tlsh.distance(a, b, true)).isGreaterThanOrEqualTo(Tlsh.distance(a, b, false));
  }

  @Test
  void distanceRejectsWhatIsNotADigest() {
    String a = Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B128, 1, true);
    assertThatThrownBy(() -> Tlsh.distance(a, "XYZ", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Tlsh.distance(a, "Z".repeat(70), false))
        .isInstanceOf(IllegalArgumentException.class);
    String wide = Tlsh.digest(bytes(TEXT), Tlsh.Buckets.B256, 1, true);
    assertThatThrownBy(() -> Tlsh.distance(a, wide, false))
        .hasMessageContaining("different options");
  }
}
