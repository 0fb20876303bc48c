package io.metron.streams.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyslogSpecTest {

  @Test
  void readsTransportPortAndSensorWithTheLoopbackDefault() {
    SyslogSpec udp = SyslogSpec.parse("udp:5514:syslog5424");
    assertThat(udp.transport()).isEqualTo(SyslogSpec.Transport.UDP);
    assertThat(udp.port()).isEqualTo(5514);
    assertThat(udp.sensor()).isEqualTo("syslog5424");
    assertThat(udp.host()).isEqualTo("127.0.0.1");

    SyslogSpec tcp = SyslogSpec.parse("TCP:601:syslog3164");
    assertThat(tcp.transport()).isEqualTo(SyslogSpec.Transport.TCP);
    assertThat(tcp.port()).isEqualTo(601);
  }

  @Test
  void acceptsABindAddressIncludingBracketedIpv6() {
    assertThat(SyslogSpec.parse("udp:0.0.0.0:514:asa").host()).isEqualTo("0.0.0.0");
    SyslogSpec v6 = SyslogSpec.parse("tcp:[::1]:6514:asa");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.port()).isEqualTo(6514);
    assertThat(v6.toString()).isEqualTo("tcp:[::1]:6514:asa");
  }

  @Test
  void explainsEachMistake() {
    assertThatThrownBy(() -> SyslogSpec.parse("udp:5514"))
        .hasMessageContaining("syslog spec 'udp:5514'")
        .hasMessageContaining("udp:PORT:SENSOR");
    assertThatThrownBy(() -> SyslogSpec.parse("sctp:5514:bro"))
        .hasMessageContaining("'sctp' is neither udp nor tcp");
    assertThatThrownBy(() -> SyslogSpec.parse("udp:fivek:bro"))
        .hasMessageContaining("port 'fivek' is not a number");
    assertThatThrownBy(() -> SyslogSpec.parse("udp:70000:bro"))
        .hasMessageContaining("port 70000 is not between 0 and 65535");
    assertThatThrownBy(() -> SyslogSpec.parse("udp:514:bad/name"))
        .hasMessageContaining("sensor 'bad/name' is not a legal topic name");
    assertThatThrownBy(() -> SyslogSpec.parse("udp:514:"))
        .hasMessageContaining("sensor '' is not a legal topic name");
    assertThatThrownBy(() -> SyslogSpec.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> SyslogSpec.parse("udp::514:bro"))
        .hasMessageContaining("host is empty");
  }
}
