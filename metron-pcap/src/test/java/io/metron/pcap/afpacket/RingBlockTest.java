package io.metron.pcap.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Walking TPACKET_V3 blocks laid out as the kernel lays them out (written here into ordinary
 * memory, so no interface is needed): frames in order, nanosecond timestamps, VLAN tags put back,
 * snap length, block hand-back, and corrupt headers refused.
 */
class RingBlockTest {
  static final int BLOCK = 8192;

  record Frame(long ts, int original, byte[] data) {}

  /** A frame to place in a block: captured bytes, wire length, status and VLAN fields. */
  record Spec(long sec, long nsec, byte[] data, int wireLength, int status, int tci, int tpid) {
    static Spec plain(long sec, long nsec, byte[] data) {
      return new Spec(sec, nsec, data, data.length, 0, 0, 0);
    }
  }

  /** Writes a block at {@code block} of {@code ring}, frames 16-byte aligned as the kernel does. */
  static void writeBlock(MemorySegment ring, long block, List<Spec> frames) {
    ring.set(ValueLayout.JAVA_INT, block + RingBlock.NUM_PKTS, frames.size());
    ring.set(ValueLayout.JAVA_INT, block + RingBlock.OFFSET_TO_FIRST_PKT, RingBlock.BLOCK_HEADER);
    long at = RingBlock.BLOCK_HEADER;
    for (int i = 0; i < frames.size(); i++) {
      Spec f = frames.get(i);
      long hdr = block + at;
      int mac = RingBlock.FRAME_HEADER + 18; // the kernel leaves room before the MAC header
      long size = (mac + f.data().length + 15) & ~15L;
      ring.set(
          ValueLayout.JAVA_INT,
          hdr + RingBlock.NEXT_OFFSET,
          i + 1 < frames.size() ? (int) size : 0);
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.SEC, (int) f.sec());
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.NSEC, (int) f.nsec());
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.SNAPLEN, f.data().length);
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.LEN, f.wireLength());
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.STATUS, f.status() | RingBlock.TP_STATUS_USER);
      ring.set(ValueLayout.JAVA_SHORT, hdr + RingBlock.MAC, (short) mac);
      ring.set(ValueLayout.JAVA_INT, hdr + RingBlock.VLAN_TCI, f.tci());
      ring.set(ValueLayout.JAVA_SHORT, hdr + RingBlock.VLAN_TPID, (short) f.tpid());
      MemorySegment.copy(f.data(), 0, ring, ValueLayout.JAVA_BYTE, hdr + mac, f.data().length);
      at += size;
    }
    ring.set(ValueLayout.JAVA_INT, block + RingBlock.BLOCK_LEN, (int) at);
    ring.set(ValueLayout.JAVA_INT, block + RingBlock.BLOCK_STATUS, RingBlock.TP_STATUS_USER);
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static List<Frame> walk(MemorySegment ring, long block, int snap) throws Exception {
    List<Frame> got = new ArrayList<>();
    new RingBlock(snap)
        .walk(
            ring,
            block,
            BLOCK,
            (ts, orig, data, len) -> got.add(new Frame(ts, orig, Arrays.copyOf(data, len))));
    return got;
  }

  // dst mac, src mac, ethertype IPv4, 4 payload bytes
  static final byte[] ETH = bytes("020000000001 020000000002 0800 45000014");

  @Test
  void framesComeOutInOrderWithNanosecondTimestamps() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ring = a.allocate(2L * BLOCK, 4096);
      byte[] second = bytes("ffffffffffff 020000000003 0806 0001080006040001");
      writeBlock(
          ring,
          BLOCK,
          List.of(
              Spec.plain(1_700_000_000L, 123_456_789L, ETH),
              Spec.plain(1_700_000_001L, 5L, second),
              Spec.plain(4_000_000_000L, 999_999_999L, ETH)));
      List<Frame> got = walk(ring, BLOCK, 65535);
      assertThat(got).hasSize(3);
      assertThat(got.get(0).ts()).isEqualTo(1_700_000_000_123_456_789L);
      assertThat(got.get(0).data()).isEqualTo(ETH);
      assertThat(got.get(1).ts()).isEqualTo(1_700_000_001_000_000_005L);
      assertThat(got.get(1).data()).isEqualTo(second);
      // tp_sec is unsigned: past 2038 it must not turn negative.
      assertThat(got.get(2).ts()).isEqualTo(4_000_000_000_999_999_999L);
    }
  }

  @Test
  void strippedVlanTagIsPutBackWhereItWas() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ring = a.allocate(BLOCK, 4096);
      writeBlock(
          ring,
          0,
          List.of(
              new Spec(1, 0, ETH, ETH.length, RingBlock.TP_STATUS_VLAN_VALID, 100, 0),
              new Spec(
                  2,
                  0,
                  ETH,
                  ETH.length,
                  RingBlock.TP_STATUS_VLAN_VALID | RingBlock.TP_STATUS_VLAN_TPID_VALID,
                  0x2000 | 300,
                  0x88a8)));
      List<Frame> got = walk(ring, 0, 65535);
      assertThat(got.get(0).data())
          .isEqualTo(bytes("020000000001 020000000002 8100 0064 0800 45000014"));
      assertThat(got.get(0).original()).isEqualTo(ETH.length + 4);
      assertThat(got.get(1).data())
          .isEqualTo(bytes("020000000001 020000000002 88a8 212c 0800 45000014"));
    }
  }

  @Test
  void snapLengthCutsTheCopyButNotTheWireLength() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ring = a.allocate(BLOCK, 4096);
      writeBlock(ring, 0, List.of(new Spec(1, 0, ETH, 1514, 0, 0, 0)));
      List<Frame> got = walk(ring, 0, 14);
      assertThat(got.getFirst().data()).isEqualTo(Arrays.copyOf(ETH, 14));
      assertThat(got.getFirst().original()).isEqualTo(1514);
    }
  }

  @Test
  void blockGoesBackToTheKernelOnlyWhenReleased() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ring = a.allocate(2L * BLOCK, 4096);
      assertThat(RingBlock.ready(ring, 0)).isFalse();
      writeBlock(ring, 0, List.of(Spec.plain(1, 0, ETH)));
      assertThat(RingBlock.ready(ring, 0)).isTrue();
      assertThat(RingBlock.ready(ring, BLOCK)).isFalse();
      walk(ring, 0, 65535);
      assertThat(RingBlock.ready(ring, 0)).as("walking does not release").isTrue();
      RingBlock.release(ring, 0);
      assertThat(RingBlock.ready(ring, 0)).isFalse();
      assertThat(ring.get(ValueLayout.JAVA_INT, RingBlock.BLOCK_STATUS))
          .isEqualTo(RingBlock.TP_STATUS_KERNEL);
    }
  }

  @Test
  void framesPointingOutsideTheBlockAreRefused() throws Exception {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ring = a.allocate(BLOCK, 4096);
      writeBlock(ring, 0, List.of(Spec.plain(1, 0, ETH), Spec.plain(2, 0, ETH)));
      ring.set(ValueLayout.JAVA_INT, RingBlock.BLOCK_HEADER + RingBlock.NEXT_OFFSET, BLOCK);
      assertThatThrownBy(() -> walk(ring, 0, 65535))
          .isInstanceOf(AfPacketException.class)
          .hasMessageContaining("corrupt capture ring");
      writeBlock(ring, 0, List.of(Spec.plain(1, 0, ETH)));
      ring.set(ValueLayout.JAVA_INT, RingBlock.BLOCK_HEADER + RingBlock.SNAPLEN, BLOCK);
      assertThatThrownBy(() -> walk(ring, 0, 65535))
          .isInstanceOf(AfPacketException.class)
          .hasMessageContaining("corrupt capture ring");
    }
  }

  @Test
  void ringGeometryFitsTheSnapLengthAndTheBuffer() {
    PacketSocket.Ring r = PacketSocket.Ring.of(64L << 20, 65535);
    assertThat(r.blockSize()).isEqualTo(1 << 20);
    assertThat(r.blockCount()).isEqualTo(64);
    assertThat(PacketSocket.Ring.of(1 << 20, 262144).blockCount()).isEqualTo(4);
    assertThat(PacketSocket.Ring.of(64L << 20, 2_000_000).blockSize()).isEqualTo(2 << 20);
  }
}
