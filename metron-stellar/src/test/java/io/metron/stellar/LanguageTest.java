package io.metron.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageTest {

  private static final StellarCompiler COMPILER = new StellarCompiler(FunctionRegistry.builtin());

  static Object eval(String expr) {
    return eval(expr, Map.of());
  }

  static Object eval(String expr, Map<String, ?> vars) {
    return COMPILER.compile(expr).evaluate(VariableResolver.of(vars), StellarContext.empty());
  }

  @Test
  void literalsHaveMetronTypes() {
    assertThat(eval("1")).isEqualTo(1);
    assertThat(eval("-1")).isEqualTo(-1);
    assertThat(eval("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(eval("1L")).isEqualTo(1L);
    assertThat(eval("1.5")).isEqualTo(1.5d);
    assertThat(eval("1.5f")).isEqualTo(1.5f);
    assertThat(eval("2D")).isEqualTo(2.0d);
    assertThat(eval("1e3")).isEqualTo(1000.0d);
    assertThat(eval(".5")).isEqualTo(0.5d);
    assertThat((Double) eval("NaN")).isNaN();
    assertThat(eval("true")).isEqualTo(true);
    assertThat(eval("FALSE")).isEqualTo(false);
    assertThat(eval("null")).isNull();
    assertThat(eval("'it\\'s'")).isEqualTo("it's");
    assertThat(eval("\"say \\\"hi\\\"\\n\"")).isEqualTo("say \"hi\"\n");
    assertThat(eval("'a\\\\b\\t'")).isEqualTo("a\\b\t");
  }

  @Test
  void numericPromotionFollowsMetron() {
    assertThat(eval("1 + 2")).isEqualTo(3);
    assertThat(eval("1 + 2L")).isEqualTo(3L);
    assertThat(eval("1 + 2.0f")).isEqualTo(3.0f);
    assertThat(eval("1L + 2.0f")).isEqualTo(3.0f);
    assertThat(eval("1.0f + 2.0")).isEqualTo(3.0d);
    assertThat(eval("7 / 2")).isEqualTo(3);
    assertThat(eval("7 / 2.0")).isEqualTo(3.5d);
    assertThat(eval("2 + 3 * 4")).isEqualTo(14);
    assertThat(eval("(2 + 3) * 4")).isEqualTo(20);
    assertThat(eval("10 - 4 - 3")).isEqualTo(3);
    assertThat(eval("16 / 4 / 2")).isEqualTo(2);
    assertThat(eval("1 -1")).isEqualTo(0);
    assertThat(eval("-x", Map.of("x", 2.5))).isEqualTo(-2.5d);
    assertThat(eval("x + 1", Map.of())).as("a missing operand counts as 0").isEqualTo(1);
    assertThat(eval("2147483647 + 1")).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void comparisonsAndEquality() {
    assertThat(eval("1 == 1.0")).isEqualTo(true);
    assertThat(eval("1L == 1")).isEqualTo(true);
    assertThat(eval("1 < 2L")).isEqualTo(true);
    assertThat(eval("2.5 >= 2")).isEqualTo(true);
    assertThat(eval("'abc' < 'abd'")).isEqualTo(true);
    assertThat(eval("x < 1")).isEqualTo(false);
    assertThat(eval("x == null")).isEqualTo(true);
    assertThat(eval("x != null")).isEqualTo(false);
    assertThat(eval("'a' == 'a'")).isEqualTo(true);
    assertThat(eval("s == 'a'", Map.of("s", "a"))).isEqualTo(true);
    assertThat(eval("'a' != s", Map.of("s", "a"))).isEqualTo(false);
    assertThat(eval("[1, 2] == [1, 2]")).isEqualTo(true);
    assertThat(eval("NaN == NaN")).isEqualTo(false);
    assertThatThrownBy(() -> eval("'a' < 1"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("cannot compare");
  }

  @Test
  void logicShortCircuitsAndGroupsLikeMetron() {
    assertThat(eval("true and false")).isEqualTo(false);
    assertThat(eval("true && true")).isEqualTo(true);
    assertThat(eval("false || true")).isEqualTo(true);
    assertThat(eval("false OR false")).isEqualTo(false);
    assertThat(eval("not(true)")).isEqualTo(false);
    assertThat(eval("NOT(false)")).isEqualTo(true);
    // one precedence level, grouped to the right: false and (false or true)
    assertThat(eval("false and false or true")).isEqualTo(false);
    // short circuit: the right side would fail
    assertThat(eval("false and 1/0 == 1")).isEqualTo(false);
    assertThat(eval("true or 1/0 == 1")).isEqualTo(true);
    assertThat(eval("missing and true")).isEqualTo(false);
    assertThat(eval("not(missing)")).isEqualTo(true);
    assertThat(eval("'true' and 'yes'")).isEqualTo(true);
  }

  @Test
  void membership() {
    assertThat(eval("'a' in ['a', 'b']")).isEqualTo(true);
    assertThat(eval("'c' not in ['a', 'b']")).isEqualTo(true);
    assertThat(eval("'ell' in 'hello'")).isEqualTo(true);
    assertThat(eval("'k' in {'k': 1}")).isEqualTo(true);
    assertThat(eval("1 in [1L]")).as("collection contains uses equals").isEqualTo(false);
    assertThat(eval("x in [x, 'b']", Map.of("x", "v"))).isEqualTo(true);
    assertThat(eval("'a' in missing")).isEqualTo(false);
    assertThat(eval("'a' not in missing")).isEqualTo(true);
    assertThat(eval("1 in 1")).isEqualTo(true);
    assertThat(eval("null in [null]")).isEqualTo(true);
  }

  @Test
  void conditionals() {
    assertThat(eval("if 1 < 2 then 'y' else 'n'")).isEqualTo("y");
    assertThat(eval("IF x THEN 'y' ELSE 'n'")).isEqualTo("n");
    assertThat(eval("x ? 'y' : 'n'", Map.of("x", true))).isEqualTo("y");
    assertThat(eval("false ? 1 : true ? 2 : 3")).isEqualTo(2);
    assertThat(eval("if [] then 1 else 2")).isEqualTo(2);
    assertThat(eval("if true then 1 else 1/0")).isEqualTo(1);
    assertThat(eval("1 + (true ? 1 : 2)")).isEqualTo(2);
    assertThatThrownBy(() -> eval("if 'x' then 1 else 2", Map.of()))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("must be a boolean");
  }

  @Test
  void matchChoosesTheFirstTrueClause() {
    String expr = "match{ x < 10 => 'low', x < 100 => 'mid', default => 'high' }";
    assertThat(eval(expr, Map.of("x", 5))).isEqualTo("low");
    assertThat(eval(expr, Map.of("x", 50))).isEqualTo("mid");
    assertThat(eval(expr, Map.of("x", 500))).isEqualTo("high");
    assertThat(eval("MATCH{ missing => 1, DEFAULT => 2 }")).isEqualTo(2);
    assertThat(eval("match{ true => () -> 'lazy', default => 'no' }")).isEqualTo("lazy");
  }

  @Test
  void listsMapsExistsAndIdentifiers() {
    assertThat(eval("[1, 'a', null]")).isEqualTo(java.util.Arrays.asList(1, "a", null));
    assertThat(eval("{'a': 1, 'b': x}", Map.of("x", 2))).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(eval("{}")).isEqualTo(Map.of());
    assertThat(eval("[]")).isEqualTo(List.of());
    assertThat(eval("exists(x)", Map.of("x", 1))).isEqualTo(true);
    assertThat(eval("EXISTS(y)", Map.of("x", 1))).isEqualTo(false);
    Map<String, Object> msg = new HashMap<>();
    msg.put("source.type", "bro");
    msg.put("enrichments:geo:city", "Oslo");
    assertThat(eval("source.type == 'bro'", msg)).isEqualTo(true);
    assertThat(eval("enrichments:geo:city", msg)).isEqualTo("Oslo");
    assertThat(eval("_", msg)).isEqualTo(msg);
    assertThat(eval("1 + // a comment\n 2")).isEqualTo(3);
  }

  @Test
  void lambdasCaptureOuterVariables() {
    assertThat(eval("MAP([1, 2], x -> x + k)", Map.of("k", 10))).isEqualTo(List.of(11, 12));
    assertThat(eval("FILTER(['a', 'bb'], (s) -> LENGTH(s) > 1)")).isEqualTo(List.of("bb"));
    assertThat(eval("REDUCE([1, 2, 3], (sum, x) -> sum + x, 0)")).isEqualTo(6);
  }

  @Test
  void variablesAreReported() {
    CompiledExpression e = COMPILER.compile("a + MAP(l, x -> x + b) == c and exists(d)");
    assertThat(e.variables()).containsExactlyInAnyOrder("a", "l", "b", "c", "d");
    assertThat(e.source()).startsWith("a +");
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    assertThatThrownBy(() -> COMPILER.compile("1 +\n  * 2"))
        .isInstanceOfSatisfying(
            StellarException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.getMessage()).contains("line 2, column 3");
            });
    assertThatThrownBy(() -> COMPILER.compile("'unterminated"))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> COMPILER.compile("99999999999"))
        .hasMessageContaining("number out of range");
  }

  @Test
  void unknownFunctionsAndMissingArgumentsFailOnlyWhenEvaluated() {
    CompiledExpression unknown = COMPILER.compile("x == 1 and NO_SUCH_FN(x)");
    assertThat(unknown.evaluate(VariableResolver.of(Map.of("x", 2)), StellarContext.empty()))
        .isEqualTo(false);
    assertThatThrownBy(
            () -> unknown.evaluate(VariableResolver.of(Map.of("x", 1)), StellarContext.empty()))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("Unable to resolve function named 'NO_SUCH_FN'");
    assertThatThrownBy(
            () ->
                COMPILER
                    .compile("to_upper('a')")
                    .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .hasMessageContaining("did you mean TO_UPPER?");
    // extra arguments are ignored, as Metron's functions ignored them
    assertThat(
            COMPILER
                .compile("TO_UPPER('a', 'b')")
                .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .isEqualTo("A");
    assertThatThrownBy(
            () ->
                COMPILER
                    .compile("SUBSTRING('a')")
                    .evaluate(VariableResolver.empty(), StellarContext.empty()))
        .hasMessageContaining("2 to 3 arguments");
  }

  @Test
  void deepNestingAndHugeInputGiveStellarErrors() {
    String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
    assertThatThrownBy(() -> COMPILER.compile(deep))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("nested too deeply");
    String chain = "x" + " + x".repeat(20000);
    assertThatThrownBy(() -> COMPILER.compile(chain))
        .isInstanceOf(StellarException.class)
        .hasMessageContaining("nested too deeply");
    String nots = "not ".repeat(100000) + "true";
    assertThatThrownBy(() -> COMPILER.compile(nots)).isInstanceOf(StellarException.class);
    String ifs = "if true then ".repeat(50000) + "1" + " else 2".repeat(50000);
    assertThatThrownBy(() -> COMPILER.compile(ifs)).isInstanceOf(StellarException.class);
    String huge = "'" + "a".repeat(SourceLimits.MAX + 1) + "'";
    assertThatThrownBy(() -> COMPILER.compile(huge)).hasMessageContaining("too long");
    String bigList = "[" + "1,".repeat(100000) + "1]";
    assertThat((List<?>) eval(bigList)).hasSize(100001);
    assertThat(eval("1" + " + 1".repeat(20000))).isEqualTo(20001);
  }

  @Test
  void constantsFoldAtCompileTime() {
    var e = (io.metron.stellar.compiler.Program) COMPILER.compile("TO_UPPER('a') + '' == 'A'");
    assertThatThrownBy(() -> e.evaluate(VariableResolver.empty(), StellarContext.empty()))
        .isInstanceOf(StellarException.class);
    var folded = (io.metron.stellar.compiler.Program) COMPILER.compile("LENGTH('abc') * 2 > 5");
    assertThat(folded.isConstant()).isTrue();
    assertThat(folded.evaluate(VariableResolver.empty(), StellarContext.empty())).isEqualTo(true);
  }

  @Test
  void predicatesFollowMetron() {
    assertThat(COMPILER.compile("").evaluatePredicate(VariableResolver.empty(), null)).isTrue();
    assertThat(COMPILER.compile("  ").evaluatePredicate(VariableResolver.empty(), null)).isTrue();
    assertThat(COMPILER.compile("x").evaluatePredicate(VariableResolver.empty(), null)).isFalse();
    assertThatThrownBy(
            () ->
                COMPILER
                    .compile("'str'")
                    .evaluatePredicate(VariableResolver.empty(), StellarContext.empty()))
        .hasMessageContaining("does not return a boolean");
  }

  @Test
  void evaluationErrorsAreStellarErrors() {
    assertThatThrownBy(() -> eval("1/0")).isInstanceOf(StellarException.class);
    assertThatThrownBy(() -> eval("x / 0", Map.of("x", 4L)))
        .hasMessageContaining("division by zero");
    assertThatThrownBy(() -> eval("'a' + 1")).hasMessageContaining("arithmetic needs numbers");
    assertThat(eval("1.0 / 0")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void assignmentsSplitAtTheFirstColonEquals() {
    StellarAssignment a = StellarAssignment.parse("dom := DOMAIN_REMOVE_TLD(host)");
    assertThat(a.variable()).isEqualTo("dom");
    assertThat(a.expression()).isEqualTo("DOMAIN_REMOVE_TLD(host)");
    assertThat(StellarAssignment.parse("x:=  'a := b'").expression()).isEqualTo("'a := b'");
    assertThat(StellarAssignment.isAssignment("a == b")).isFalse();
    assertThatThrownBy(() -> StellarAssignment.parse("1x := 2"))
        .isInstanceOf(StellarException.class);
  }

  /** The limit, in one place for the tests. */
  static final class SourceLimits {
    static final int MAX = io.metron.stellar.compiler.SourceParser.MAX_SOURCE_LENGTH;
  }
}
