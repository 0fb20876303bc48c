package io.metron.stellar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Jazzer fuzz test of parse + compile + evaluate: whatever the input, nothing but {@link
 * StellarException} may escape. Without {@code JAZZER_FUZZ=1} it replays the seed inputs in {@code
 * StellarFuzzTestInputs/}; with it, Jazzer explores new inputs.
 */
class StellarFuzzTest {

  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());
  private static final VariableResolver VARS =
      VariableResolver.of(Map.of("x", 3, "ip", "10.1.1.1", "ip_src_port", 4000, "s", "a.b.com"));

  @FuzzTest(maxDuration = "20s")
  void parseCompileEvaluate(String source) {
    CompiledExpression e;
    try {
      e = COMPILER.compile(source);
    } catch (StellarException expected) {
      return;
    }
    try {
      e.evaluate(VARS, StellarContext.empty());
    } catch (StellarException expected) {
      // a Stellar error is the contract for bad expressions
    }
  }
}
