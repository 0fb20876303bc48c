package io.metron.streams.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {
  @TempDir Path dir;

  @Test
  void aDataDirectoryKeepsItsIdentityAcrossRestartsAndTwoDirectoriesDiffer() throws Exception {
    InstanceIdentity first = InstanceIdentity.of(dir.resolve("a"));
    assertThat(InstanceIdentity.of(dir.resolve("a"))).isEqualTo(first);
    assertThat(InstanceIdentity.of(dir.resolve("b"))).isNotEqualTo(first);
    assertThat(first.groupInstanceId("indexing"))
        .isEqualTo("metron-indexing-" + first.id())
        .isNotEqualTo(first.groupInstanceId("streams"));
  }
}
