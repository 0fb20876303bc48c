package io.metron.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StellarLintTest {

  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());

  @Test
  void aCleanExpressionHasNoWarnings() {
    assertThat(COMPILER.lint("TO_UPPER(name) == 'X' and LENGTH(tags) > 2")).isEmpty();
  }

  @Test
  void reportsUnknownFunctionsWithTheirPosition() {
    List<StellarWarning> warnings = COMPILER.lint("x == 1 and\n  NOPE_FN(x)");
    assertThat(warnings).hasSize(1);
    StellarWarning w = warnings.get(0);
    assertThat(w.function()).isEqualTo("NOPE_FN");
    assertThat(w.problem()).isEqualTo(StellarWarning.Problem.UNKNOWN_FUNCTION);
    assertThat(w.line()).isEqualTo(2);
    assertThat(w.column()).isEqualTo(3);
    assertThat(w.message()).contains("Unable to resolve function named 'NOPE_FN'");
    assertThat(w.toString()).endsWith("(line 2, column 3)");
  }

  @Test
  void suggestsTheUpperCaseNameOfAKnownFunction() {
    assertThat(COMPILER.lint("trim(' a ')").get(0).message()).contains("did you mean TRIM?");
  }

  @Test
  void reportsWrongArgumentCountsBothWays() {
    List<StellarWarning> warnings = COMPILER.lint("TO_UPPER() + SUBSTRING('a', 1, 2, 3)");
    assertThat(warnings)
        .extracting(StellarWarning::function, StellarWarning::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "TO_UPPER", StellarWarning.Problem.WRONG_ARGUMENT_COUNT),
            org.assertj.core.groups.Tuple.tuple(
                "SUBSTRING", StellarWarning.Problem.WRONG_ARGUMENT_COUNT));
    assertThat(warnings.get(0).message()).contains("TO_UPPER takes 1 argument but was given 0");
    assertThat(warnings.get(1).message()).contains("2 to 3 arguments but was given 4");
  }

  @Test
  void findsCallsInsideLambdasBranchesAndNestedCalls() {
    assertThat(
            COMPILER.lint(
                "if a then MAP(list, x -> BAD_ONE(x)) else match{ b => BAD_TWO(), default =>"
                    + " TO_STRING(BAD_THREE(1)) }"))
        .extracting(StellarWarning::function)
        .containsExactly("BAD_ONE", "BAD_TWO", "BAD_THREE");
  }

  @Test
  void refusesPlaceholdersOfModulesNotDeployedAtCompile() {
    FunctionRegistry registry =
        FunctionRegistry.empty()
            .with(
                StellarFunction.pending(
                    FunctionDescriptor.builder("ELSEWHERE_GET")
                        .pending("metron-elsewhere")
                        .build()));
    assertThatThrownBy(() -> new StellarCompiler(registry).lint("ELSEWHERE_GET()"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("ELSEWHERE_GET is not available in this deployment")
        .hasMessageContaining("provided by metron-elsewhere");
  }

  @Test
  void theRefusingCompilerTurnsLintFindingsIntoCompileErrorsWithTheirPosition() {
    StellarCompiler strict = COMPILER.refusingLintFindings();
    assertThat(
            strict
                .compile("TO_UPPER('a')")
                .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .isEqualTo("A");
    assertThatThrownBy(() -> strict.compile("1 + NOPE_FN(2)"))
        .isInstanceOfSatisfying(
            StellarException.class,
            e -> {
              assertThat(e.getMessage()).contains("Unable to resolve function named 'NOPE_FN'");
              assertThat(e.column()).isEqualTo(5);
            });
    assertThat(COMPILER.lint("1 + NOPE_FN(2)")).hasSize(1);
  }

  @Test
  void anExpressionWithWarningsStillCompilesAndRuns() {
    CompiledExpression e = COMPILER.compile("ready or NOPE_FN()");
    assertThat(
            e.evaluate(
                VariableResolver.of(java.util.Map.of("ready", true)), StellarContext.empty()))
        .isEqualTo(true);
    assertThatThrownBy(() -> e.evaluate(VariableResolver.empty(), StellarContext.empty()))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("NOPE_FN");
  }

  @Test
  void syntaxErrorsAreStillErrors() {
    assertThatThrownBy(() -> COMPILER.lint("TO_UPPER("))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("syntax error");
  }
}
