package io.metron.stellar.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A profile keeps its HLLP estimators across restarts and periods as serialized bytes (the stream's
 * state store, the profile store), so an HLLP must survive serialization on the JDK the platform
 * runs on — with the sketch library of an older JDK it threw on the first write.
 */
class HllpSerializationTest {
  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());

  private static Object eval(String expr, Map<String, ?> vars) {
    return COMPILER.compile(expr).evaluate(VariableResolver.of(vars), StellarContext.empty());
  }

  @Test
  void anHllpKeepsItsCardinalityThroughSerialization() throws Exception {
    Object sketch = eval("HLLP_ADD(HLLP_INIT(), ['a', 'b', 'c', 'a', 'd'])", Map.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sketch);
    }
    Object back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    assertThat(eval("HLLP_CARDINALITY(s)", Map.of("s", back))).isEqualTo(4L);
    Object merged = eval("HLLP_MERGE([s, HLLP_ADD(HLLP_INIT(), ['e'])])", Map.of("s", back));
    assertThat(eval("HLLP_CARDINALITY(m)", Map.of("m", merged))).isEqualTo(5L);
  }
}
