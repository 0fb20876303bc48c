package io.metron.cli.pcap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code metron pcap}: the packet capture commands. */
@Command(
    name = "pcap",
    mixinStandardHelpOptions = true,
    subcommands = {PcapCaptureCommand.class, PcapConsumeCommand.class, PcapQueryCommand.class},
    description = {
      "Full packet capture: capture packets to Kafka (as pycapa does) or to a file, read the 'pcap'"
          + " topic back as a pcap stream, and pull the packets of a flow out of the packet store"
          + " or pcap files as a .pcap you can open in Wireshark.",
      "",
      "Examples:",
      "  metron pcap capture -i eth0 -k 127.0.0.1:9092 -t pcap -m 1000",
      "  metron pcap consume -k 127.0.0.1:9092 -o begin -m 100 | tshark -r -",
      "  metron pcap query -sa 10.0.0.1 -dp 443 -ir -st 2024-05-01T10:00:00Z -w flow.pcap",
    })
public final class PcapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  public PcapCommand() {}

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
