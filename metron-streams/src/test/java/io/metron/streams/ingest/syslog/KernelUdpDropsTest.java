package io.metron.streams.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelUdpDropsTest {
  private static final List<String> TABLE =
      List.of(
          "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid "
              + " timeout inode ref pointer drops",
          "  101: 0100007F:15B3 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
              + "       0 4242 2 0000000000000000 17",
          "  102: 00000000:15B3 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
              + "       0 9999 2 0000000000000000 5",
          "  103: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0 "
              + "       0 4243 2 0000000000000000 99");

  @Test
  void sumsTheDropsColumnOfTheSocketsOnThePort() {
    assertThat(KernelUdpDrops.drops(TABLE, 5555, Set.of())).isEqualTo(22);
    assertThat(KernelUdpDrops.drops(TABLE, 53, Set.of())).isEqualTo(99);
  }

  @Test
  void countsOnlyThisProcesssSocketsWhenItsInodesAreKnown() {
    assertThat(KernelUdpDrops.drops(TABLE, 5555, Set.of("4242"))).isEqualTo(17);
  }

  @Test
  void saysUnknownWhenNoSocketMatches() {
    assertThat(KernelUdpDrops.drops(TABLE, 1234, Set.of())).isEqualTo(-1);
  }

  @Test
  void readsTheRealTableForABoundSocket() throws Exception {
    try (java.net.DatagramSocket socket =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(new KernelUdpDrops().read(socket.getLocalPort())).isEqualTo(0);
    }
  }
}
