package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommunityIdTest {
  @Test
  void matchesThePublishedExampleInBothDirections() {
    // The example in the Community ID specification's README.
    assertThat(CommunityId.of("128.232.110.120", 34855, "66.35.250.204", 80, 6, 0))
        .isEqualTo("1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
    assertThat(CommunityId.of("66.35.250.204", 80, "128.232.110.120", 34855, 6, 0))
        .isEqualTo("1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
  }

  @Test
  void seedProtocolAndPortsChangeTheId() {
    String base = CommunityId.of("10.0.0.1", 1000, "10.0.0.2", 53, 17, 0);
    assertThat(CommunityId.of("10.0.0.1", 1000, "10.0.0.2", 53, 17, 1)).isNotEqualTo(base);
    assertThat(CommunityId.of("10.0.0.1", 1000, "10.0.0.2", 53, 6, 0)).isNotEqualTo(base);
    assertThat(CommunityId.of("10.0.0.1", 1001, "10.0.0.2", 53, 17, 0)).isNotEqualTo(base);
  }

  @Test
  void icmpEchoRequestAndReplyShareAnIdButOneWayTypesDoNot() {
    String request = CommunityId.of("10.0.0.1", 8, "10.0.0.2", 0, 1, 0);
    String reply = CommunityId.of("10.0.0.2", 0, "10.0.0.1", 0, 1, 0);
    assertThat(reply).isEqualTo(request);
    String unreachable = CommunityId.of("10.0.0.2", 3, "10.0.0.1", 1, 1, 0);
    assertThat(CommunityId.of("10.0.0.1", 3, "10.0.0.2", 1, 1, 0)).isNotEqualTo(unreachable);
  }

  @Test
  void ipv6WorksAndMixedFamiliesOrGarbageGiveNone() {
    assertThat(CommunityId.of("fd00::1", 1, "fd00::2", 2, 6, 0)).startsWith("1:");
    assertThat(CommunityId.of("fd00::1", 1, "10.0.0.2", 2, 6, 0)).isNull();
    assertThat(CommunityId.of("not-an-ip", 1, "10.0.0.2", 2, 6, 0)).isNull();
  }

  @Test
  void addedToMessagesWithATransportFromProtocolOrProto() {
    Message yaf =
        Message.of(
            Map.of(
                "ip_src_addr",
                "10.0.0.1",
                "ip_src_port",
                1000L,
                "ip_dst_addr",
                "10.0.0.2",
                "ip_dst_port",
                53L,
                "protocol",
                "UDP"));
    CommunityId.addTo(yaf);
    assertThat(yaf.get("community_id"))
        .isEqualTo(CommunityId.of("10.0.0.1", 1000, "10.0.0.2", 53, 17, 0));
    Message bro =
        Message.of(
            Map.of(
                "ip_src_addr",
                "10.0.0.1",
                "ip_src_port",
                "1000",
                "ip_dst_addr",
                "10.0.0.2",
                "ip_dst_port",
                "53",
                "protocol",
                "dns",
                "proto",
                "udp"));
    CommunityId.addTo(bro);
    assertThat(bro.get("community_id")).isEqualTo(yaf.get("community_id"));
    Message http =
        Message.of(
            Map.of("ip_src_addr", "10.0.0.1", "ip_dst_addr", "10.0.0.2", "protocol", "http"));
    CommunityId.addTo(http);
    assertThat(http.has("community_id")).isFalse();
  }
}
