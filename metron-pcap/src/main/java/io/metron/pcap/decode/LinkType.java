package io.metron.pcap.decode;

/** The LINKTYPE_ values (pcap file header, pcapng interface) this package can decode. */
public final class LinkType {
  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  public static final int RAW_BSD12 = 12;
  public static final int RAW_BSD14 = 14;
  public static final int RAW = 101;
  public static final int LOOP = 108;
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** True when {@link PacketDecoder} understands this link type. */
  public static boolean supported(int linkType) {
    return switch (linkType) {
      case NULL, ETHERNET, RAW_BSD12, RAW_BSD14, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 ->
          true;
      default -> false;
    };
  }
}
