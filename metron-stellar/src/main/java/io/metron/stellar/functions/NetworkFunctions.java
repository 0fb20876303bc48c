package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Addresses and URLs: IN_SUBNET, IS_IP, URL_TO_*, IS_URL, IS_DOMAIN, IS_EMAIL, PROTOCOL_TO_NAME.
 * Nothing here resolves names or touches the network: only IP literals are parsed.
 */
final class NetworkFunctions {

  private NetworkFunctions() {}

  /**
   * A parsed CIDR block. IPv4 blocks follow Apache Commons Net's SubnetUtils, which Metron used:
   * the network and broadcast addresses are not "in range", and a /31 or /32 block matches nothing.
   * IPv6 blocks (an extension; Metron rejected them) include every address.
   */
  record Subnet(byte[] network, int prefix) {
    boolean contains(byte[] ip) {
      if (ip.length != network.length || !samePrefix(ip)) {
        return false;
      }
      if (ip.length == 16) {
        return true;
      }
      if (prefix >= 31) {
        return false;
      }
      int host = 32 - prefix;
      long value = Integer.toUnsignedLong(toInt(ip)) & ((1L << host) - 1);
      return value != 0 && value != (1L << host) - 1;
    }

    private boolean samePrefix(byte[] ip) {
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (ip[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (ip[full] & mask) == (network[full] & mask);
    }

    private static int toInt(byte[] b) {
      return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
  }

  private static final Subnet INVALID = new Subnet(new byte[0], 0);

  private static final BoundedCache<String, Subnet> SUBNETS =
      new BoundedCache<>(10_000, NetworkFunctions::parseSubnet);

  private static Subnet parseSubnet(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return INVALID;
    }
    byte[] ip = parseIp(cidr.substring(0, slash));
    if (ip == null) {
      return INVALID;
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return INVALID;
    }
    if (prefix < 0 || prefix > ip.length * 8) {
      return INVALID;
    }
    return new Subnet(ip, prefix);
  }

  /** The bytes of an IPv4 or IPv6 literal, or null when {@code s} is not one. Never does DNS. */
  static byte[] parseIp(String s) {
    if (s == null) {
      return null;
    }
    s = s.trim();
    byte[] v4 = parseIpv4(s);
    if (v4 != null) {
      return v4;
    }
    if (s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
      return null;
    }
    try {
      // a string of hex digits, colons and dots is only ever parsed as a literal, never looked up
      byte[] b = InetAddress.getByName("[" + s + "]").getAddress();
      return b.length == 16 ? b : null;
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern LABEL = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TLD = Pattern.compile("(?i)[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Pattern EMAIL_LOCAL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

  static boolean isDomain(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    String d = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    String[] labels = d.split("\\.", -1);
    if (labels.length < 2 || !TLD.matcher(labels[labels.length - 1]).matches()) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("IN_SUBNET")
                .param("ip", "String", "an IPv4 or IPv6 address")
                .variadic("cidr", "String", "one or more CIDR blocks, e.g. '192.168.0.0/16'")
                .returns("Boolean: whether the address is in any of the blocks; false for null")
                .description(
                    "Tests whether an IP address is in one of several subnets. As in Metron (Apache"
                        + " Commons Net), an IPv4 block's network and broadcast addresses are not"
                        + " in range and /31 and /32 blocks match nothing; IPv6 blocks match every"
                        + " address.")
                .example("IN_SUBNET('192.168.0.255', '192.168.0.0/24')", "false")
                .example("IN_SUBNET('192.168.0.1', '192.168.0.0/24')", "true")
                .example("IN_SUBNET('10.0.0.1', '192.168.0.0/16', '10.0.0.0/8')", "true")
                .example("IN_SUBNET('2001:db8::1', '2001:db8::/32')", "true"),
            (a, c) -> {
              String address = Args.text(a, 0);
              if (address == null) {
                return false;
              }
              byte[] ip = parseIp(address);
              if (ip == null) {
                throw new StellarException("IN_SUBNET: '" + address + "' is not an IP address");
              }
              for (int i = 1; i < a.size(); i++) {
                Object cidr = a.get(i);
                if (cidr == null) {
                  continue;
                }
                Subnet s = SUBNETS.get(cidr.toString());
                if (s == INVALID) {
                  throw new StellarException("IN_SUBNET: invalid CIDR block '" + cidr + "'");
                }
                if (s.contains(ip)) {
                  return true;
                }
              }
              return false;
            }));
    f.add(
        def(
            builder("IS_IP")
                .param("ip", "String", "the value to test")
                .optional(
                    "type", "Object", "'IPV4' (default), 'IPV6', or a list of them (any may match)")
                .returns("Boolean")
                .description("Tests whether a string is an IP address of the given version.")
                .example("IS_IP('10.0.0.1')", "true")
                .example("IS_IP('::1')", "false")
                .example("IS_IP('::1', 'IPV6')", "true")
                .example("IS_IP('::1', ['IPV4', 'IPV6'])", "true"),
            (a, c) -> {
              String s = Args.text(a, 0);
              if (s == null) {
                return false;
              }
              Object type = Args.get(a, 1);
              List<Object> types =
                  type == null
                      ? List.of("IPV4")
                      : type instanceof Collection<?> col ? new ArrayList<>(col) : List.of(type);
              byte[] ip = parseIp(s);
              for (Object t : types) {
                String name = String.valueOf(t).toUpperCase(Locale.ROOT);
                if (name.equals("IPV4") && ip != null && ip.length == 4) {
                  return true;
                }
                if (name.equals("IPV6") && ip != null && ip.length == 16) {
                  return true;
                }
                if (!name.equals("IPV4") && !name.equals("IPV6")) {
                  throw new StellarException("IS_IP: unknown type '" + t + "'; use IPV4 or IPV6");
                }
              }
              return false;
            }));
    f.add(url("URL_TO_HOST", "host", "'www.example.com'"));
    f.add(url("URL_TO_PATH", "path", "'/a/b'"));
    f.add(url("URL_TO_PROTOCOL", "protocol", "'https'"));
    f.add(url("URL_TO_PORT", "port", "443"));
    f.add(
        def(
            builder("IS_URL")
                .param("url", "String", "the value to test")
                .returns("Boolean")
                .description(
                    "Tests whether a string is an http, https or ftp URL with a valid host.")
                .example("IS_URL('https://example.com/x?y=1')", "true")
                .example("IS_URL('example.com')", "false"),
            (a, c) -> {
              URI u = uri(Args.text(a, 0));
              if (u == null || u.getScheme() == null || u.getHost() == null) {
                return false;
              }
              String scheme = u.getScheme().toLowerCase(Locale.ROOT);
              if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
                return false;
              }
              String host = u.getHost();
              return isDomain(host)
                  || parseIpv4(host) != null
                  || host.startsWith("[") && parseIp(host.substring(1, host.length() - 1)) != null;
            }));
    f.add(
        def(
            builder("IS_DOMAIN")
                .param("address", "String", "the value to test")
                .returns("Boolean")
                .description(
                    "Tests whether a string is a syntactically valid domain name with an alphabetic"
                        + " top-level domain.")
                .example("IS_DOMAIN('www.example.com')", "true")
                .example("IS_DOMAIN('not a domain')", "false"),
            (a, c) -> isDomain(Args.text(a, 0))));
    f.add(
        def(
            builder("IS_EMAIL")
                .param("address", "String", "the value to test")
                .returns("Boolean")
                .description("Tests whether a string is a valid e-mail address.")
                .example("IS_EMAIL('user@example.com')", "true")
                .example("IS_EMAIL('user@')", "false"),
            (a, c) -> {
              String s = Args.text(a, 0);
              if (s == null) {
                return false;
              }
              int at = s.lastIndexOf('@');
              if (at <= 0 || at > 64) {
                return false;
              }
              String domain = s.substring(at + 1);
              return EMAIL_LOCAL.matcher(s.substring(0, at)).matches()
                  && (isDomain(domain)
                      || domain.startsWith("[")
                          && domain.endsWith("]")
                          && parseIp(domain.substring(1, domain.length() - 1)) != null);
            }));
    f.add(
        def(
            builder("PROTOCOL_TO_NAME")
                .param("ianaNumber", "Integer", "an IANA IP protocol number")
                .returns("String: the protocol's keyword; the input unchanged when unknown")
                .description("Names an IP protocol number (6 is TCP, 17 is UDP).")
                .example("PROTOCOL_TO_NAME(6)", "'TCP'")
                .example("PROTOCOL_TO_NAME('17')", "'UDP'"),
            (a, c) -> {
              Object v = a.get(0);
              if (v == null) {
                return null;
              }
              Number n = ConversionFunctions.toNumber(v);
              String name = n == null ? null : PROTOCOLS.get(n.intValue());
              return name == null ? v : name;
            }));
    return f;
  }

  static URI uri(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new URI(s.trim());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static StellarFunction url(String name, String part, String expected) {
    return def(
        builder(name)
            .param("url", "String", "the URL")
            .returns(
                part.equals("port")
                    ? "Integer: the explicit port, or the scheme's default; null when unknown"
                    : "String: the URL's " + part + "; null when the URL is invalid")
            .description("Extracts the " + part + " from a URL.")
            .example(name + "('https://www.example.com/a/b?q=1')", expected),
        (a, c) -> {
          URL u = url(Args.text(a, 0));
          if (u == null) {
            return null;
          }
          return switch (part) {
            case "host" -> u.getHost();
            case "path" -> u.getPath();
            case "protocol" -> u.getProtocol();
            default -> u.getPort() >= 0 ? u.getPort() : u.getDefaultPort();
          };
        });
  }

  /**
   * A URL as java.net.URL reads it (Metron's parser: lenient about spaces, knows http, https, ftp,
   * file and jar), or null. Constructing a URL does not resolve its host.
   */
  @SuppressWarnings("deprecation")
  static URL url(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new URL(s);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  /** IANA's assigned internet protocol numbers and their keywords. */
  static final Map<Integer, String> PROTOCOLS = protocols();

  private static Map<Integer, String> protocols() {
    String table =
        "0 HOPOPT,1 ICMP,2 IGMP,3 GGP,4 IPv4,5 ST,6 TCP,7 CBT,8 EGP,9 IGP,10 BBN-RCC-MON,11"
            + " NVP-II,12 PUP,13 ARGUS,14 EMCON,15 XNET,16 CHAOS,17 UDP,18 MUX,19 DCN-MEAS,20"
            + " HMP,21 PRM,22 XNS-IDP,23 TRUNK-1,24 TRUNK-2,25 LEAF-1,26 LEAF-2,27 RDP,28 IRTP,29"
            + " ISO-TP4,30 NETBLT,31 MFE-NSP,32 MERIT-INP,33 DCCP,34 3PC,35 IDPR,36 XTP,37 DDP,38"
            + " IDPR-CMTP,39 TP++,40 IL,41 IPv6,42 SDRP,43 IPv6-Route,44 IPv6-Frag,45 IDRP,46"
            + " RSVP,47 GRE,48 DSR,49 BNA,50 ESP,51 AH,52 I-NLSP,53 SWIPE,54 NARP,55 MOBILE,56"
            + " TLSP,57 SKIP,58 IPv6-ICMP,59 IPv6-NoNxt,60 IPv6-Opts,62 CFTP,64 SAT-EXPAK,65"
            + " KRYPTOLAN,66 RVD,67 IPPC,69 SAT-MON,70 VISA,71 IPCV,72 CPNX,73 CPHB,74 WSN,75"
            + " PVP,76 BR-SAT-MON,77 SUN-ND,78 WB-MON,79 WB-EXPAK,80 ISO-IP,81 VMTP,82"
            + " SECURE-VMTP,83 VINES,84 TTP,85 NSFNET-IGP,86 DGP,87 TCF,88 EIGRP,89 OSPFIGP,90"
            + " Sprite-RPC,91 LARP,92 MTP,93 AX.25,94 IPIP,95 MICP,96 SCC-SP,97 ETHERIP,98"
            + " ENCAP,100 GMTP,101 IFMP,102 PNNI,103 PIM,104 ARIS,105 SCPS,106 QNX,107 A/N,108"
            + " IPComp,109 SNP,110 Compaq-Peer,111 IPX-in-IP,112 VRRP,113 PGM,115 L2TP,116 DDX,117"
            + " IATP,118 STP,119 SRP,120 UTI,121 SMP,122 SM,123 PTP,124 ISIS over IPv4,125 FIRE,126"
            + " CRTP,127 CRUDP,128 SSCOPMCE,129 IPLT,130 SPS,131 PIPE,132 SCTP,133 FC,134"
            + " RSVP-E2E-IGNORE,135 Mobility Header,136 UDPLite,137 MPLS-in-IP,138 manet,139"
            + " HIP,140 Shim6,141 WESP,142 ROHC,143 Ethernet";
    java.util.HashMap<Integer, String> map = new java.util.HashMap<>();
    for (String entry : table.split(",")) {
      int space = entry.indexOf(' ');
      map.put(Integer.parseInt(entry.substring(0, space)), entry.substring(space + 1));
    }
    return Map.copyOf(map);
  }
}
