package io.metron.bench.stellar;

import io.metron.stellar.CompiledExpression;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stellar's speed on the hot path: compiling rules (done once per config load) and evaluating a
 * compiled triage rule and string rule against a 20-field message (done per message). Targets: at
 * least 5M evaluations/s per core and 50k compiles/s.
 *
 * <p>Run: {@code java -jar metron-bench/target/benchmarks.jar Stellar -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StellarBenchmark {

  /** Three comparisons, an {@code in} list and IN_SUBNET, as a typical triage rule. */
  static final String TRIAGE_RULE =
      "ip_src_port > 1024 and ip_dst_port == 443 and protocol == 'TCP'"
          + " and source.type in ['bro', 'snort', 'yaf'] and IN_SUBNET(ip_dst_addr, '10.0.0.0/8')";

  /** A string rule: both sides of the {@code or} run for the message below. */
  static final String STRING_RULE =
      "TO_UPPER(TRIM(domain)) == 'EXAMPLE.COM' or DOMAIN_REMOVE_TLD(domain) in"
          + " ['google','example']";

  private StellarCompiler compiler;
  private CompiledExpression triage;
  private CompiledExpression stringRule;
  private VariableResolver message;
  private StellarContext context;

  @Setup
  public void setUp() {
    compiler = new StellarCompiler(FunctionRegistry.builtin());
    triage = compiler.compile(TRIAGE_RULE);
    stringRule = compiler.compile(STRING_RULE);
    context = StellarContext.empty();
    Map<String, Object> m = new HashMap<>();
    m.put("ip_src_addr", "192.168.1.20");
    m.put("ip_src_port", 52144);
    m.put("ip_dst_addr", "10.1.2.3");
    m.put("ip_dst_port", 443);
    m.put("protocol", "TCP");
    m.put("source.type", "bro");
    m.put("timestamp", 1500000000000L);
    m.put("guid", "8f14e45f-ceea-467f-a0e6-1d3c1e2f0a11");
    m.put("domain", "google.com");
    m.put("original_string", "a bro conn record as it arrived on the wire");
    m.put("uid", "CHhAvVGS1DHFjwGM9");
    m.put("trans_depth", 1);
    m.put("method", "GET");
    m.put("host", "www.google.com");
    m.put("uri", "/search?q=metron");
    m.put("user_agent", "Mozilla/5.0");
    m.put("request_body_len", 0);
    m.put("response_body_len", 5120);
    m.put("status_code", 200);
    m.put("status_msg", "OK");
    message = VariableResolver.of(m);
    if (!Boolean.TRUE.equals(triage.evaluate(message, context))
        || !Boolean.TRUE.equals(stringRule.evaluate(message, context))) {
      throw new IllegalStateException("the benchmark rules must evaluate to true on the message");
    }
  }

  @Benchmark
  public Object evaluateTriageRule() {
    return triage.evaluate(message, context);
  }

  @Benchmark
  public Object evaluateStringRule() {
    return stringRule.evaluate(message, context);
  }

  @Benchmark
  public CompiledExpression compileTriageRule() {
    return compiler.compile(TRIAGE_RULE);
  }

  @Benchmark
  public CompiledExpression compileStringRule() {
    return compiler.compile(STRING_RULE);
  }
}
