package io.metron.pcap.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.pcap.decode.LinkType;
import io.metron.pcap.decode.PacketDecoder;
import io.metron.pcap.testing.Packets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StellarPacketFilterTest {
  final QueryCompiler compiler = StellarPacketFilter.compiler();

  static DecodedPacket packet(String src, int sport, String body) {
    byte[] f =
        Packets.eth(
            0x0800,
            Packets.ipv4(
                src,
                "10.0.0.9",
                6,
                Packets.tcp(sport, 80, 0x18, body.getBytes(StandardCharsets.US_ASCII))));
    return new PacketDecoder().decode(LinkType.ETHERNET, f, 0, f.length, new DecodedPacket());
  }

  @Test
  void metronQueriesOverPacketFields() {
    PacketPredicate q =
        compiler.compile("ip_src_addr == '10.0.0.1' and ip_dst_port == 80 and protocol == 6");
    assertThat(q.test(packet("10.0.0.1", 1234, "x"))).isTrue();
    assertThat(q.test(packet("10.0.0.2", 1234, "x"))).isFalse();
    PacketPredicate ports = compiler.compile("ip_src_port in [ 1234, 5678 ]");
    assertThat(ports.test(packet("10.0.0.2", 5678, "x"))).isTrue();
    assertThat(ports.test(packet("10.0.0.2", 4321, "x"))).isFalse();
  }

  @Test
  void byteArrayMatcherOnThePacket() {
    PacketPredicate q =
        compiler.compile("BYTEARRAY_MATCHER('`user-agent:` 20 \\'curl\\'', packet)");
    assertThat(q.test(packet("10.0.0.1", 1, "GET / HTTP/1.1\r\nUser-Agent: curl/8\r\n"))).isTrue();
    assertThat(q.test(packet("10.0.0.1", 1, "GET / HTTP/1.1\r\nUser-Agent: wget\r\n"))).isFalse();
    PacketPredicate hex =
        compiler.compile("BYTEARRAY_MATCHER('474554', packet) && ip_src_addr == '10.0.0.1'");
    assertThat(hex.test(packet("10.0.0.1", 1, "GET"))).isTrue();
  }

  @Test
  void badExpressionsFailAtCompileTimeAndBadValuesRejectThePacket() {
    assertThatThrownBy(() -> compiler.compile("ip_src_addr ==")).hasMessageContaining("--query");
    StellarPacketFilter f =
        (StellarPacketFilter) compiler.compile("BYTEARRAY_MATCHER('de*', packet)");
    assertThat(f.test(packet("10.0.0.1", 1, "x"))).isFalse();
    assertThat(f.errors()).isEqualTo(1);
  }
}
