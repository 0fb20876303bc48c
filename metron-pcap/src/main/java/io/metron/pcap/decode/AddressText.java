package io.metron.pcap.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Formats and parses IP addresses without DNS: dotted quads, and IPv6 in the RFC 5952 form
 * (lowercase, longest zero run compressed, IPv4-mapped addresses as {@code ::ffff:a.b.c.d}), which
 * is how tshark and most tools print them.
 */
public final class AddressText {
  private AddressText() {}

  /** Formats the first {@code n} (4 or 16) bytes of {@code a}. */
  public static String format(byte[] a, int n) {
    if (n == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    boolean mapped =
        g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    int groups = mapped ? 6 : 8;
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < groups; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < groups && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(40);
    for (int i = 0; i < groups; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    if (mapped) {
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(a[12] & 0xff)
          .append('.')
          .append(a[13] & 0xff)
          .append('.')
          .append(a[14] & 0xff)
          .append('.')
          .append(a[15] & 0xff);
    }
    return sb.toString();
  }

  /**
   * Parses a literal IPv4 or IPv6 address (never a host name).
   *
   * @return 4 or 16 bytes
   * @throws IllegalArgumentException naming the text when it is not an address literal
   */
  public static byte[] parse(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    if (v4) {
      for (String part : t.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
      }
    }
    try {
      // A literal never triggers a DNS lookup.
      byte[] raw = InetAddress.getByName(t).getAddress();
      if (v6 && raw.length == 4) {
        // Java turns ::ffff:a.b.c.d into an IPv4 address; packets carry it as IPv6.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
      }
      return raw;
    } catch (UnknownHostException | SecurityException e) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
  }
}
