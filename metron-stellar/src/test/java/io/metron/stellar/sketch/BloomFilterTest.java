package io.metron.stellar.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BloomFilterTest {

  @Test
  void sizesAFilterAsGuavaDoes() {
    // Metron's BLOOM_INIT() default: 100000 values at a float 0.01
    BloomFilter f = BloomFilter.create(100_000, 0.01f);
    // m = floor(-n ln p / ln(2)^2) = 958505 bits, rounded up to whole words; k = round(m/n ln 2)
    assertThat(f.bitSize()).isEqualTo(958_528);
    assertThat(f.hashCount()).isEqualTo(7);
    assertThat(BloomFilter.create(0, 0.5).bitSize()).isEqualTo(64);
  }

  @Test
  void findsWhatWasAddedAndRarelyWhatWasNot() {
    BloomFilter f = BloomFilter.create(1000, 0.01);
    for (int i = 0; i < 1000; i++) {
      f.add("host-" + i);
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(f.mightContain("host-" + i)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 10_000; i++) {
      if (f.mightContain("other-" + i)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isLessThan(300);
  }

  @Test
  void typesAreDistinct() {
    BloomFilter f = BloomFilter.create(100, 0.001);
    f.add(1);
    assertThat(f.mightContain(1)).isTrue();
    assertThat(f.mightContain("1")).isFalse();
    assertThat(f.mightContain(1L)).isFalse();
  }

  @Test
  void mergesFiltersOfTheSameShapeOnly() {
    BloomFilter a = BloomFilter.create(100, 0.01);
    BloomFilter b = BloomFilter.create(100, 0.01);
    a.add("a");
    b.add("b");
    BloomFilter m = a.merge(b);
    assertThat(m.mightContain("a")).isTrue();
    assertThat(m.mightContain("b")).isTrue();
    assertThat(a.mightContain("b")).isFalse();
    assertThatThrownBy(() -> a.merge(BloomFilter.create(1000, 0.01)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serialisesInGuavasStreamForm() {
    BloomFilter f = BloomFilter.create(10, 0.1);
    f.add("x");
    byte[] bytes = f.toBytes();
    // strategy ordinal 1 (MURMUR128_MITZ_64), hash count, word count, then the words
    assertThat(bytes[0]).isEqualTo((byte) 1);
    assertThat(bytes[1]).isEqualTo((byte) f.hashCount());
    assertThat(HexFormat.of().formatHex(bytes, 2, 6)).isEqualTo("00000001");
    assertThat(bytes).hasSize(6 + 8);
    BloomFilter back = BloomFilter.fromBytes(bytes);
    assertThat(back).isEqualTo(f);
    assertThat(back.mightContain("x")).isTrue();
    assertThatThrownBy(() -> BloomFilter.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsImpossibleParameters() {
    for (double p : List.of(0.0, 1.0, -0.5, Double.NaN)) {
      assertThatThrownBy(() -> BloomFilter.create(10, p))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> BloomFilter.create(-1, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
