package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import java.util.List;

/**
 * {@code IP_PROTOCOL}: replaces an IANA protocol number with its keyword ({@code 6} becomes {@code
 * TCP}). Each input is written to the output at the same position, or back to itself when no output
 * is given. Values that are not protocol numbers are left as they are.
 */
public final class IpProtocolTransformation implements FieldTransformation {
  // IANA "Assigned Internet Protocol Numbers", keyword column, indexed by number.
  private static final String[] NAMES = {
    "HOPOPT",
    "ICMP",
    "IGMP",
    "GGP",
    "IPv4",
    "ST",
    "TCP",
    "CBT",
    "EGP",
    "IGP",
    "BBN-RCC-MON",
    "NVP-II",
    "PUP",
    "ARGUS",
    "EMCON",
    "XNET",
    "CHAOS",
    "UDP",
    "MUX",
    "DCN-MEAS",
    "HMP",
    "PRM",
    "XNS-IDP",
    "TRUNK-1",
    "TRUNK-2",
    "LEAF-1",
    "LEAF-2",
    "RDP",
    "IRTP",
    "ISO-TP4",
    "NETBLT",
    "MFE-NSP",
    "MERIT-INP",
    "DCCP",
    "3PC",
    "IDPR",
    "XTP",
    "DDP",
    "IDPR-CMTP",
    "TP++",
    "IL",
    "IPv6",
    "SDRP",
    "IPv6-Route",
    "IPv6-Frag",
    "IDRP",
    "RSVP",
    "GRE",
    "DSR",
    "BNA",
    "ESP",
    "AH",
    "I-NLSP",
    "SWIPE",
    "NARP",
    "MOBILE",
    "TLSP",
    "SKIP",
    "IPv6-ICMP",
    "IPv6-NoNxt",
    "IPv6-Opts",
    null,
    "CFTP",
    null,
    "SAT-EXPAK",
    "KRYPTOLAN",
    "RVD",
    "IPPC",
    null,
    "SAT-MON",
    "VISA",
    "IPCV",
    "CPNX",
    "CPHB",
    "WSN",
    "PVP",
    "BR-SAT-MON",
    "SUN-ND",
    "WB-MON",
    "WB-EXPAK",
    "ISO-IP",
    "VMTP",
    "SECURE-VMTP",
    "VINES",
    "TTP",
    "NSFNET-IGP",
    "DGP",
    "TCF",
    "EIGRP",
    "OSPFIGP",
    "Sprite-RPC",
    "LARP",
    "MTP",
    "AX.25",
    "IPIP",
    "MICP",
    "SCC-SP",
    "ETHERIP",
    "ENCAP",
    null,
    "GMTP",
    "IFMP",
    "PNNI",
    "PIM",
    "ARIS",
    "SCPS",
    "QNX",
    "A/N",
    "IPComp",
    "SNP",
    "Compaq-Peer",
    "IPX-in-IP",
    "VRRP",
    "PGM",
    null,
    "L2TP",
    "DDX",
    "IATP",
    "STP",
    "SRP",
    "UTI",
    "SMP",
    "SM",
    "PTP",
    "ISIS over IPv4",
    "FIRE",
    "CRTP",
    "CRUDP",
    "SSCOPMCE",
    "IPLT",
    "SPS",
    "PIPE",
    "SCTP",
    "FC",
    "RSVP-E2E-IGNORE",
    "Mobility Header",
    "UDPLite",
    "MPLS-in-IP",
    "manet",
    "HIP",
    "Shim6",
    "WESP",
    "ROHC",
    "Ethernet"
  };

  private final List<String> inputs;
  private final List<String> outputs;

  public IpProtocolTransformation(List<String> inputs, List<String> outputs) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  /** The keyword of protocol {@code number}, or {@code null} when unassigned. */
  public static String name(int number) {
    return number >= 0 && number < NAMES.length ? NAMES[number] : null;
  }

  @Override
  public void apply(Message message, TransformContext context) {
    for (int i = 0; i < inputs.size(); i++) {
      Object value = message.get(inputs.get(i));
      Integer number = toNumber(value);
      String name = number == null ? null : name(number);
      if (name != null) {
        message.put(i < outputs.size() ? outputs.get(i) : inputs.get(i), name);
      }
    }
  }

  private static Integer toNumber(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value instanceof String s
        && !s.isEmpty()
        && s.length() < 4
        && s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    return null;
  }
}
