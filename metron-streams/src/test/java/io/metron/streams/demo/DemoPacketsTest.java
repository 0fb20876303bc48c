package io.metron.streams.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.decode.PacketDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPacketsTest {
  private final PacketDecoder decoder = new PacketDecoder();

  @Test
  void aTcpFlowIsAHandshakeARequestAnAnswerAndAClose() {
    var flow =
        new BroDemoEvents.Flow(
            "http",
            "C1",
            1_700_000_000_000L,
            "10.0.0.5",
            40000,
            "203.0.113.66",
            80,
            false,
            "example.com",
            "/login");
    List<DemoPackets.Packet> packets = DemoPackets.of(flow);
    assertThat(packets).hasSize(8);
    assertThat(packets.getFirst().timestampNanos()).isEqualTo(1_700_000_000_000_000_000L);
    int[] flags = {0x02, 0x12, 0x10, 0x18, 0x18, 0x11, 0x11, 0x10};
    for (int i = 0; i < packets.size(); i++) {
      DecodedPacket d = decode(packets.get(i));
      boolean fromClient = i != 1 && i != 4 && i != 6;
      assertThat(d.protocol()).isEqualTo(6);
      assertThat(d.ipSrcAddr()).isEqualTo(fromClient ? "10.0.0.5" : "203.0.113.66");
      assertThat(d.srcPort()).isEqualTo(fromClient ? 40000 : 80);
      assertThat(d.dstPort()).isEqualTo(fromClient ? 80 : 40000);
      assertThat(d.tcpFlags() & 0x3f).as("flags of packet %d", i).isEqualTo(flags[i]);
      assertChecksums(packets.get(i).frame(), 6);
      if (i > 0) {
        assertThat(packets.get(i).timestampNanos())
            .isGreaterThan(packets.get(i - 1).timestampNanos());
      }
    }
    DecodedPacket request = decode(packets.get(3));
    String text =
        new String(
            request.buffer(),
            request.payloadOffset(),
            request.payloadLength(),
            StandardCharsets.US_ASCII);
    assertThat(text).startsWith("GET /login HTTP/1.1\r\nHost: example.com\r\n");
  }

  @Test
  void aTcpFlowToAnotherServiceCarriesNoMadeUpPayload() {
    // Bytes invented for ssh, tls or smb would decode as a malformed packet of that protocol.
    var flow =
        new BroDemoEvents.Flow(
            "conn",
            "C2",
            1_700_000_000_000L,
            "10.0.0.5",
            40001,
            "203.0.113.66",
            22,
            false,
            null,
            null);
    List<DemoPackets.Packet> packets = DemoPackets.of(flow);
    assertThat(packets).hasSize(6);
    for (DemoPackets.Packet p : packets) {
      assertThat(decode(p).payloadLength()).isZero();
      assertChecksums(p.frame(), 6);
    }
  }

  @Test
  void aDnsFlowIsAQueryAndItsAnswerOverUdp() {
    var flow =
        new BroDemoEvents.Flow(
            "dns",
            "C2",
            1_700_000_000_000L,
            "192.168.1.10",
            53001,
            "198.51.100.23",
            53,
            true,
            "github.com",
            null);
    List<DemoPackets.Packet> packets = DemoPackets.of(flow);
    assertThat(packets).hasSize(2);
    DecodedPacket query = decode(packets.get(0));
    assertThat(query.protocol()).isEqualTo(17);
    assertThat(query.ipSrcAddr()).isEqualTo("192.168.1.10");
    assertThat(query.dstPort()).isEqualTo(53);
    byte[] q = packets.get(0).frame();
    // The question names github.com in DNS labels: 6 "github" 3 "com" 0.
    assertThat(new String(q, query.payloadOffset() + 12, 12, StandardCharsets.US_ASCII))
        .isEqualTo("\u0006github\u0003com\u0000");
    DecodedPacket answer = decode(packets.get(1));
    assertThat(answer.ipSrcAddr()).isEqualTo("198.51.100.23");
    assertThat(answer.srcPort()).isEqualTo(53);
    for (DemoPackets.Packet p : packets) {
      assertChecksums(p.frame(), 17);
    }
  }

  @Test
  void theDemoEventsNameTheirFlowAndOnlyWatchListedOnesAreCaptured() {
    BroDemoEvents events = new BroDemoEvents(7);
    int watched = 0;
    for (int i = 0; i < 500; i++) {
      String json = new String(events.next(1_700_000_000_000L + i), StandardCharsets.UTF_8);
      BroDemoEvents.Flow flow = events.lastFlow();
      assertThat(json).contains("\"id.orig_h\":\"" + flow.src() + "\"");
      assertThat(json).contains("\"id.resp_p\":" + flow.dstPort());
      assertThat(json).contains(flow.uid());
      if (flow.watched()) {
        watched++;
        assertThat(BroDemoEvents.WATCHED).contains(flow.dst());
      }
    }
    assertThat(watched).isBetween(30, 150);
  }

  private DecodedPacket decode(DemoPackets.Packet p) {
    return decoder.decode(1, p.frame(), 0, p.frame().length, new DecodedPacket());
  }

  /** The IPv4 header and the TCP/UDP segment (with its pseudo-header) each sum to 0xffff. */
  private static void assertChecksums(byte[] f, int protocol) {
    assertThat(sum(f, 14, 20, 0)).as("IPv4 header checksum").isEqualTo(0xffff);
    int length = f.length - 34;
    long pseudo = 0;
    for (int i = 26; i < 34; i += 2) {
      pseudo += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
    }
    pseudo += protocol + length;
    assertThat(sum(f, 34, length, pseudo)).as("TCP/UDP checksum").isEqualTo(0xffff);
  }

  private static int sum(byte[] b, int off, int len, long start) {
    long s = start;
    for (int i = 0; i < len; i += 2) {
      int hi = b[off + i] & 0xff;
      int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
      s += (hi << 8) | lo;
    }
    while ((s >> 16) != 0) {
      s = (s & 0xffff) + (s >> 16);
    }
    return (int) s;
  }
}
