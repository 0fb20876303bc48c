package io.metron.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsTest {
  @Test
  void aDerivedGuidIsTheNameBasedUuidOfItsPositionSoEarlierIndicesKeepTheirDocuments() {
    for (String origin : new String[] {"bro/0/0", "snort/3/123456789", "yaf/1/42", "é/0/1"}) {
      for (int index : new int[] {0, 1, 17}) {
        String name = origin + "#" + index;
        assertThat(Guids.derived(origin, index))
            .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
      }
    }
    assertThat(Guids.derived("bro/0/7", 0)).isEqualTo(Guids.derived("bro/0/7", 0));
  }

  @Test
  void withoutAnOriginEachGuidIsNew() {
    assertThat(Guids.derived(null, 0)).isNotEqualTo(Guids.derived(null, 0));
  }
}
