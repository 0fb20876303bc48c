package io.metron.cli.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code metron pcap capture} refuses contradictory engine options with one clear line. */
class PcapCaptureArgsTest {
  static void refused(int exit, String message, String... args) {
    Cli r = Cli.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    assertThat(r.errLines()).containsExactly("error: " + message);
  }

  @Test
  void unknownEngine() {
    refused(
        2,
        "--engine must be afpacket or libpcap, got 'dpdk'",
        "pcap",
        "capture",
        "-i",
        "lo",
        "-w",
        "/tmp/never.pcap",
        "--engine",
        "dpdk");
  }

  @Test
  void afpacketDoesNotReadFiles() {
    refused(
        2,
        "--engine afpacket captures interfaces; --file is read through libpcap",
        "pcap",
        "capture",
        "--file",
        "in.pcap",
        "-w",
        "/tmp/never.pcap",
        "--engine",
        "afpacket");
  }

  @Test
  void threadsNeedAfpacket() {
    refused(
        2,
        "--threads needs the afpacket engine (libpcap captures with one thread)",
        "pcap",
        "capture",
        "-i",
        "lo",
        "-w",
        "/tmp/never.pcap",
        "--engine",
        "libpcap",
        "--threads",
        "2");
  }

  @Test
  void missingInterfaceIsNamed() {
    refused(
        1,
        "no interface named 'nosuch0'",
        "pcap",
        "capture",
        "-i",
        "nosuch0",
        "-w",
        "/tmp/never.pcap",
        "--engine",
        "afpacket");
  }
}
