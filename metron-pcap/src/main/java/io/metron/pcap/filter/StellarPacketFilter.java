package io.metron.pcap.filter;

import io.metron.pcap.decode.DecodedPacket;
import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metron's Stellar query filter over packets: variables {@code ip_src_addr}, {@code ip_dst_addr},
 * {@code ip_src_port}, {@code ip_dst_port}, {@code protocol}, {@code packet} (raw bytes) and the
 * rest of {@link DecodedPacket#toFields()}, with {@code BYTEARRAY_MATCHER(pattern, data)}
 * registered (it replaces Stellar's placeholder).
 *
 * <p>Variables are resolved lazily from the decoded packet, so an expression that only compares
 * ports copies no bytes. An evaluation that fails (a function error, a type mismatch) rejects the
 * packet rather than stopping the query; the count is kept in {@link #errors()}.
 */
public final class StellarPacketFilter implements PacketPredicate {
  private static final int CACHE_LIMIT = 1000;
  private static final ConcurrentHashMap<String, BytePattern> PATTERNS = new ConcurrentHashMap<>();

  /** {@code BYTEARRAY_MATCHER(binary_regex, data)}: byteseek pattern searched in bytes. */
  public static final StellarFunction BYTEARRAY_MATCHER =
      StellarFunction.of(
          new FunctionDescriptor(
              "BYTEARRAY_MATCHER",
              "BYTEARRAY",
              List.of(
                  new FunctionDescriptor.Param(
                      "binary_regex",
                      "String",
                      "a fixed-length byteseek pattern: hex bytes, 'text', `any case`, ., [sets]",
                      false,
                      false),
                  new FunctionDescriptor.Param(
                      "data",
                      "Bytes",
                      "the bytes to search (e.g. the packet variable)",
                      false,
                      false)),
              "Boolean",
              "True when the binary regular expression occurs anywhere in the data.",
              List.of(),
              true,
              null),
          (args, ctx) -> {
            Object pattern = args.get(0);
            Object data = args.get(1);
            if (pattern == null || data == null) {
              return false;
            }
            byte[] bytes =
                data instanceof byte[] b ? b : data.toString().getBytes(StandardCharsets.UTF_8);
            return pattern(pattern.toString()).matches(bytes);
          });

  private final CompiledExpression expression;
  private final PacketVariables variables = new PacketVariables();
  private long errors;

  private StellarPacketFilter(CompiledExpression expression) {
    this.expression = expression;
  }

  static BytePattern pattern(String source) {
    BytePattern p = PATTERNS.get(source);
    if (p == null) {
      if (PATTERNS.size() > CACHE_LIMIT) {
        PATTERNS.clear();
      }
      p = BytePattern.compile(source);
      PATTERNS.put(source, p);
    }
    return p;
  }

  /** Stellar's built-in functions plus {@code BYTEARRAY_MATCHER}. */
  public static FunctionRegistry functions() {
    return FunctionRegistry.builtin().with(BYTEARRAY_MATCHER);
  }

  /** A {@link QueryCompiler} for {@code --query}. */
  public static QueryCompiler compiler() {
    StellarCompiler compiler = new StellarCompiler(functions());
    return text -> {
      try {
        return new StellarPacketFilter(compiler.compile(text));
      } catch (StellarException e) {
        throw new IllegalArgumentException("--query '" + text + "': " + e.getMessage(), e);
      }
    };
  }

  @Override
  public boolean test(DecodedPacket packet) {
    variables.packet = packet;
    try {
      return expression.evaluatePredicate(variables, StellarContext.empty());
    } catch (StellarException e) {
      errors++;
      return false;
    }
  }

  /** Packets whose evaluation failed (and were therefore rejected). */
  public long errors() {
    return errors;
  }

  /** Resolves Metron's packet fields from the current packet on demand. */
  private static final class PacketVariables implements VariableResolver {
    DecodedPacket packet;

    @Override
    public Object resolve(String name) {
      DecodedPacket p = packet;
      return switch (name) {
        case "ip_src_addr" -> p.ipSrcAddr();
        case "ip_dst_addr" -> p.ipDstAddr();
        case "ip_src_port" -> p.srcPort() < 0 ? null : p.srcPort();
        case "ip_dst_port" -> p.dstPort() < 0 ? null : p.dstPort();
        case "protocol" -> p.protocol() < 0 ? null : p.protocol();
        case "packet" -> p.packetBytes();
        case "payload" -> p.payloadBytes();
        case "packet_timestamp" -> p.timestampNanos();
        case "timestamp" -> Math.floorDiv(p.timestampNanos(), 1_000_000L);
        default -> p.toFields().get(name);
      };
    }
  }
}
