package io.metron.pcap.file;

import java.io.IOException;

/**
 * A pcap or pcapng file that cannot be read further: bad magic, a truncated record, or a record
 * header that cannot be right. The message names the source, the byte offset and the packet number,
 * so a user can see where the damage is; the packets before it were already delivered.
 */
public final class PcapFormatException extends IOException {
  private final long byteOffset;
  private final long packetsRead;

  public PcapFormatException(String source, long byteOffset, long packetsRead, String problem) {
    super(
        source
            + ": "
            + problem
            + " at byte "
            + byteOffset
            + " (after "
            + packetsRead
            + " whole packet"
            + (packetsRead == 1 ? "" : "s")
            + ")");
    this.byteOffset = byteOffset;
    this.packetsRead = packetsRead;
  }

  /** Offset of the damaged record (or header) from the start of the input. */
  public long byteOffset() {
    return byteOffset;
  }

  /** How many whole packets were read before the damage. */
  public long packetsRead() {
    return packetsRead;
  }
}
