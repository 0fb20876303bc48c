package io.metron.pcap.afpacket;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One block of a TPACKET_V3 receive ring, read in place: the kernel fills a block with frames, sets
 * {@code block_status} to {@code TP_STATUS_USER}, and takes the block back when we set it to {@code
 * TP_STATUS_KERNEL}. Pure memory walking, no system calls, so it is tested on blocks built in
 * ordinary memory.
 *
 * <p>Layouts (Linux {@code <linux/if_packet.h>}, identical on every 64- and 32-bit ABI because all
 * fields are fixed-width): {@code struct tpacket_block_desc} is {@code version, offset_to_priv}
 * then {@code struct tpacket_hdr_v1 {block_status, num_pkts, offset_to_first_pkt, blk_len, seq_num,
 * ts_first_pkt, ts_last_pkt}}; each frame starts with {@code struct tpacket3_hdr {tp_next_offset,
 * tp_sec, tp_nsec, tp_snaplen, tp_len, tp_status, tp_mac, tp_net, hv1 {tp_rxhash, tp_vlan_tci,
 * tp_vlan_tpid}}}.
 */
final class RingBlock {
  static final long BLOCK_STATUS = 8;
  static final long NUM_PKTS = 12;
  static final long OFFSET_TO_FIRST_PKT = 16;
  static final long BLOCK_LEN = 20;

  static final long NEXT_OFFSET = 0;
  static final long SEC = 4;
  static final long NSEC = 8;
  static final long SNAPLEN = 12;
  static final long LEN = 16;
  static final long STATUS = 20;
  static final long MAC = 24;
  static final long VLAN_TCI = 32;
  static final long VLAN_TPID = 36;

  /** sizeof(struct tpacket3_hdr). */
  static final int FRAME_HEADER = 48;

  /** sizeof(struct tpacket_block_desc). */
  static final int BLOCK_HEADER = 48;

  static final int TP_STATUS_KERNEL = 0;
  static final int TP_STATUS_USER = 1;
  static final int TP_STATUS_VLAN_VALID = 1 << 4;
  static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;

  private static final int ETH_P_8021Q = 0x8100;
  private static final int MAC_ADDRESSES = 12;

  private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle().withInvokeExactBehavior();
  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT;

  /** Receives each frame of a block, copied out of the ring. */
  interface FrameHandler {
    /**
     * @param data the packet (reused after this returns)
     * @param length bytes of {@code data} captured
     * @param originalLength the packet's length on the wire
     */
    void frame(long timestampNanos, int originalLength, byte[] data, int length) throws IOException;
  }

  private final int snapLength;
  private byte[] buffer;

  /**
   * @param snapLength bytes kept per packet; a re-inserted VLAN tag counts towards it, as in
   *     libpcap
   */
  RingBlock(int snapLength) {
    this.snapLength = snapLength;
    this.buffer = new byte[Math.min(snapLength + 4, 65536 + 4)];
  }

  /** True when the kernel has handed the block at {@code block} to us (acquire read). */
  static boolean ready(MemorySegment ring, long block) {
    return ((int) INT.getAcquire(ring, block + BLOCK_STATUS) & TP_STATUS_USER) != 0;
  }

  /** Hands the block back to the kernel (release write: our reads of it happen before). */
  static void release(MemorySegment ring, long block) {
    INT.setRelease(ring, block + BLOCK_STATUS, TP_STATUS_KERNEL);
  }

  /**
   * Copies every frame of the block at {@code block} (of {@code blockSize} bytes) to {@code out},
   * in the order the kernel wrote them. Does not release the block.
   *
   * @return the number of frames
   * @throws AfPacketException when a frame header points outside the block (a corrupt ring)
   */
  int walk(MemorySegment ring, long block, long blockSize, FrameHandler out) throws IOException {
    int frames = ring.get(U32, block + NUM_PKTS);
    long at = Integer.toUnsignedLong(ring.get(U32, block + OFFSET_TO_FIRST_PKT));
    for (int i = 0; i < frames; i++) {
      if (at < BLOCK_HEADER || at + FRAME_HEADER > blockSize) {
        throw new AfPacketException(
            "corrupt capture ring: frame " + i + " of a block at offset " + at);
      }
      long hdr = block + at;
      copyFrame(ring, hdr, block + blockSize, out);
      long next = Integer.toUnsignedLong(ring.get(U32, hdr + NEXT_OFFSET));
      if (next == 0 && i + 1 < frames) {
        throw new AfPacketException(
            "corrupt capture ring: block says " + frames + " frames, chain ends after " + (i + 1));
      }
      at += next;
    }
    return frames;
  }

  private void copyFrame(MemorySegment ring, long hdr, long blockEnd, FrameHandler out)
      throws IOException {
    long sec = Integer.toUnsignedLong(ring.get(U32, hdr + SEC));
    long nsec = Integer.toUnsignedLong(ring.get(U32, hdr + NSEC));
    int captured = ring.get(U32, hdr + SNAPLEN);
    int original = ring.get(U32, hdr + LEN);
    int status = ring.get(U32, hdr + STATUS);
    long mac = hdr + (ring.get(U16, hdr + MAC) & 0xffff);
    if (captured < 0 || mac + captured > blockEnd) {
      throw new AfPacketException("corrupt capture ring: frame of " + captured + " bytes");
    }
    int tci = ring.get(U32, hdr + VLAN_TCI);
    int tpid = ring.get(U16, hdr + VLAN_TPID) & 0xffff;
    // The kernel strips the outer 802.1Q tag before AF_PACKET sees the frame and reports it
    // beside the frame; put it back where it was, as libpcap does, so the bytes equal the wire's.
    boolean vlan = (tci != 0 || (status & TP_STATUS_VLAN_VALID) != 0) && captured >= MAC_ADDRESSES;
    int length = vlan ? captured + 4 : captured;
    if (length > buffer.length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    if (vlan) {
      MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, mac, buffer, 0, MAC_ADDRESSES);
      if (tpid == 0 && (status & TP_STATUS_VLAN_TPID_VALID) == 0) {
        tpid = ETH_P_8021Q;
      }
      buffer[12] = (byte) (tpid >> 8);
      buffer[13] = (byte) tpid;
      buffer[14] = (byte) (tci >> 8);
      buffer[15] = (byte) tci;
      MemorySegment.copy(
          ring, ValueLayout.JAVA_BYTE, mac + MAC_ADDRESSES, buffer, 16, captured - MAC_ADDRESSES);
      original += 4;
    } else {
      MemorySegment.copy(ring, ValueLayout.JAVA_BYTE, mac, buffer, 0, captured);
    }
    out.frame(sec * 1_000_000_000L + nsec, original, buffer, Math.min(length, snapLength));
  }
}
