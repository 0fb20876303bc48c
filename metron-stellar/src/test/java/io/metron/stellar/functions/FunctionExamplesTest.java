package io.metron.stellar.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs every descriptor's examples and checks the registry against Metron's inventory. */
class FunctionExamplesTest {

  private static final FunctionRegistry REGISTRY = FunctionRegistry.builtin();
  private static final StellarCompiler COMPILER = new StellarCompiler(REGISTRY);

  @TestFactory
  Stream<DynamicTest> everyExampleEvaluatesToItsExpectedValue() {
    List<DynamicTest> tests = new ArrayList<>();
    for (StellarFunction fn : REGISTRY.all()) {
      for (FunctionDescriptor.Example ex : fn.descriptor().examples()) {
        tests.add(
            DynamicTest.dynamicTest(
                ex.expression() + " => " + ex.expected(),
                () -> {
                  Object actual = run(ex.expression());
                  Object expected = run(ex.expected());
                  assertThat(actual).as(ex.expression()).isEqualTo(expected);
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyImplementedFunctionHasAnExampleAndADescription() {
    for (StellarFunction fn : REGISTRY.all()) {
      FunctionDescriptor d = fn.descriptor();
      assertThat(d.description()).as(d.name()).isNotBlank();
      if (!d.isPending()) {
        assertThat(d.examples()).as(d.name() + " examples").isNotEmpty();
      }
    }
  }

  @Test
  void theRegistryCoversMetronsInventory() {
    Set<String> names = new TreeSet<>();
    REGISTRY.all().forEach(f -> names.add(f.descriptor().name()));
    // Metron's 207, plus PARSE_JSON_STRING (upstream's StringFunctions gained it on master), less
    // the 7 PROFILE_* and PROFILER_* functions metron-pipeline registers
    assertThat(names).hasSize(201).doesNotContain("PROFILE_GET", "PROFILER_INIT");
    Set<String> namespaces = new TreeSet<>();
    REGISTRY.all().forEach(f -> namespaces.add(f.descriptor().namespace()));
    assertThat(namespaces).hasSize(36);
  }

  @Test
  void pendingFunctionsFailToCompileNamingTheFunctionAndWhy() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> COMPILER.compile("1 + GEO_GET(ip)"))
        .isInstanceOf(StellarException.class)
        .hasMessage(
            "GEO_GET is not available in this deployment: provided by metron-pipeline"
                + " (line 1, column 5)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> COMPILER.compile("MAAS_MODEL_APPLY(e, m)"))
        .hasMessageStartingWith(
            "MAAS_MODEL_APPLY is not available in this deployment: provided by Model as a"
                + " Service");
  }

  @Test
  void aLaterModuleReplacesAPlaceholder() {
    FunctionRegistry withGeo =
        REGISTRY.with(
            StellarFunction.of(
                FunctionDescriptor.builder("GEO_GET").param("ip", "String", "").build(),
                (args, ctx) -> "geo:" + args.get(0)));
    Object v =
        new StellarCompiler(withGeo)
            .compile("GEO_GET('1.2.3.4')")
            .evaluate(VariableResolver.empty(), StellarContext.empty());
    assertThat(v).isEqualTo("geo:1.2.3.4");
    assertThat(REGISTRY.find("GEO_GET").orElseThrow().descriptor().isPending()).isTrue();
  }

  private static Object run(String expression) {
    return COMPILER.compile(expression).evaluate(VariableResolver.empty(), StellarContext.empty());
  }
}
