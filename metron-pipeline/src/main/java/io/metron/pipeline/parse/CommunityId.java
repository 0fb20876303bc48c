package io.metron.pipeline.parse;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * The Community ID flow hash (version 1, as published by Corelight and used by Zeek, Suricata and
 * others), so that records of one flow can be joined across sensors.
 *
 * <p>The hash is SHA-1 over seed, the two addresses, protocol, a pad byte and the two ports, with
 * the endpoints ordered so both directions give the same value; ICMP types and codes stand in for
 * ports. Thread-safe.
 */
public final class CommunityId {
  /** The field the ID is written to (the name Suricata and Zeek use). */
  public static final String FIELD = "community_id";

  private static final int ICMP = 1;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ICMP6 = 58;
  private static final int SCTP = 132;

  private static final ThreadLocal<MessageDigest> SHA1 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JVM provides SHA-1", e);
            }
          });

  private CommunityId() {}

  /**
   * The ID of a flow, or {@code null} when an address is not an IP literal or a port is out of
   * range.
   */
  public static String of(
      String srcAddr, int srcPort, String dstAddr, int dstPort, int protocol, int seed) {
    byte[] src = address(srcAddr);
    byte[] dst = address(dstAddr);
    if (src == null || dst == null || src.length != dst.length) {
      return null;
    }
    boolean ports = protocol == TCP || protocol == UDP || protocol == SCTP;
    boolean icmp = protocol == ICMP || protocol == ICMP6;
    int sport = srcPort;
    int dport = dstPort;
    boolean oneWay = false;
    if (icmp) {
      int counterpart = protocol == ICMP ? icmp4Counterpart(srcPort) : icmp6Counterpart(srcPort);
      if (counterpart >= 0) {
        dport = counterpart;
      } else {
        oneWay = true;
      }
    }
    boolean withPorts = ports || icmp;
    if (withPorts && (sport < 0 || sport > 65535 || dport < 0 || dport > 65535)) {
      return null;
    }
    if (!oneWay && !ordered(src, dst, sport, dport)) {
      byte[] a = src;
      src = dst;
      dst = a;
      int p = sport;
      sport = dport;
      dport = p;
    }
    ByteBuffer buffer = ByteBuffer.allocate(2 + src.length * 2 + 2 + (withPorts ? 4 : 0));
    buffer.putShort((short) seed).put(src).put(dst).put((byte) protocol).put((byte) 0);
    if (withPorts) {
      buffer.putShort((short) sport).putShort((short) dport);
    }
    MessageDigest sha = SHA1.get();
    sha.reset();
    return "1:" + Base64.getEncoder().encodeToString(sha.digest(buffer.array()));
  }

  /**
   * Adds {@code community_id} to a message holding a 5-tuple ({@code ip_src_addr}, {@code
   * ip_src_port}, {@code ip_dst_addr}, {@code ip_dst_port} and a transport protocol in {@code
   * protocol}, {@code proto} or {@code transport}), unless it already has one.
   */
  public static void addTo(Message message) {
    if (message.has(FIELD)) {
      return;
    }
    Object src = message.get(MessageFields.SRC_ADDR);
    Object dst = message.get(MessageFields.DST_ADDR);
    if (src == null || dst == null) {
      return;
    }
    int protocol = transport(message.get(MessageFields.PROTOCOL));
    if (protocol < 0) {
      protocol = transport(message.get("proto"));
    }
    if (protocol < 0) {
      protocol = transport(message.get("transport"));
    }
    if (protocol < 0) {
      return;
    }
    int sport = port(message.get(MessageFields.SRC_PORT));
    int dport = port(message.get(MessageFields.DST_PORT));
    if (sport < 0 || dport < 0) {
      return;
    }
    String id = of(src.toString(), sport, dst.toString(), dport, protocol, 0);
    if (id != null) {
      message.put(FIELD, id);
    }
  }

  /** The IANA number of a transport protocol given by name or number, or -1. */
  static int transport(Object value) {
    if (value instanceof Number n) {
      int p = n.intValue();
      return p == TCP || p == UDP || p == SCTP || p == ICMP || p == ICMP6 ? p : -1;
    }
    if (!(value instanceof String s)) {
      return -1;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "tcp", "6" -> TCP;
      case "udp", "17" -> UDP;
      case "sctp", "132" -> SCTP;
      case "icmp", "1" -> ICMP;
      case "icmp6", "icmpv6", "ipv6-icmp", "58" -> ICMP6;
      default -> -1;
    };
  }

  private static int port(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s && !s.isEmpty() && s.length() <= 5) {
      int p = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        p = p * 10 + (c - '0');
      }
      return p;
    }
    return -1;
  }

  private static byte[] address(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return null;
    }
    char first = text.charAt(0);
    boolean plausible = Character.digit(first, 16) >= 0 || first == ':';
    if (!plausible) {
      return null;
    }
    try {
      return InetAddress.ofLiteral(text).getAddress();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean ordered(byte[] src, byte[] dst, int sport, int dport) {
    int c = Arrays.compareUnsigned(src, dst);
    return c < 0 || (c == 0 && sport <= dport);
  }

  private static int icmp4Counterpart(int type) {
    return switch (type) {
      case 8 -> 0;
      case 0 -> 8;
      case 13 -> 14;
      case 14 -> 13;
      case 15 -> 16;
      case 16 -> 15;
      case 10 -> 9;
      case 9 -> 10;
      case 17 -> 18;
      case 18 -> 17;
      default -> -1;
    };
  }

  private static int icmp6Counterpart(int type) {
    return switch (type) {
      case 128 -> 129;
      case 129 -> 128;
      case 130 -> 131;
      case 131 -> 130;
      case 133 -> 134;
      case 134 -> 133;
      case 135 -> 136;
      case 136 -> 135;
      case 139 -> 140;
      case 140 -> 139;
      case 144 -> 145;
      case 145 -> 144;
      default -> -1;
    };
  }
}
