package io.metron.pipeline.enrich.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.RiskLevelRule;
import io.metron.core.config.TriageConfig;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreatTriageTest {
  private final StellarCompiler compiler = new StellarCompiler(FunctionRegistry.builtin());
  private final List<String> problems = new ArrayList<>();

  private ThreatTriage triage(String aggregator, RiskLevelRule... rules) {
    return ThreatTriage.compile(
        new TriageConfig(List.of(rules), aggregator, Map.of()),
        compiler,
        (path, message) -> problems.add(path + ": " + message));
  }

  private static TriageResult score(ThreatTriage triage, Map<String, Object> message) {
    return triage.score(VariableResolver.of(message), StellarContext.empty());
  }

  @Test
  void matchedRulesScoreWithExpressionsAndReasons() {
    ThreatTriage t =
        triage(
            "SUM",
            new RiskLevelRule(
                "external", "c1", "not(IN_SUBNET(ip_dst_addr, '10.0.0.0/8'))", "10", null),
            new RiskLevelRule(
                "big", null, "bytes > 1000", "bytes / 100", "FORMAT('%d bytes', bytes)"),
            new RiskLevelRule("never", null, "false", "1000", null));
    TriageResult r = score(t, Map.of("ip_dst_addr", "8.8.8.8", "bytes", 2500L));
    assertThat(problems).isEmpty();
    assertThat(r.errors()).isEmpty();
    assertThat(r.score()).isEqualTo(35.0);
    assertThat(r.rules()).extracting(s -> s.rule().name()).containsExactly("external", "big");
    assertThat(r.rules().get(1).reason()).isEqualTo("2500 bytes");
    assertThat(r.rules().get(1).score()).isEqualTo(25.0);
  }

  @Test
  void aRuleThatFailsIsReportedAndSkipped() {
    ThreatTriage t =
        triage(
            "MAX",
            new RiskLevelRule("not boolean", null, "'yes'", "10", null),
            new RiskLevelRule("bad score", null, "true", "'high'", null),
            new RiskLevelRule("divides", null, "1/0 == 1", "5", null),
            new RiskLevelRule("fine", null, "true", "7", null));
    TriageResult r = score(t, Map.of());
    assertThat(r.score()).isEqualTo(7.0);
    assertThat(r.rules()).extracting(s -> s.rule().name()).containsExactly("fine");
    assertThat(r.errors()).hasSize(3);
    assertThat(r.errors().get(0)).startsWith("triage rule 'not boolean' failed:");
    assertThat(r.errors().get(1)).contains("'bad score'").contains("not a number");
    assertThat(r.errors().get(2)).contains("'divides'");
  }

  @Test
  void compileProblemsNameTheRuleAndField() {
    ThreatTriage t =
        triage(
            "MAX",
            new RiskLevelRule("ok", null, "true", "1", null),
            new RiskLevelRule("broken", null, "exists(", "1", null),
            new RiskLevelRule("unknown fn", null, "true", "NOPE(", "NOPE2("));
    assertThat(t.size()).isEqualTo(1);
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("riskLevelRules[1].rule: "))
        .anySatisfy(p -> assertThat(p).startsWith("riskLevelRules[2].score: "))
        .anySatisfy(p -> assertThat(p).startsWith("riskLevelRules[2].reason: "));
  }
}
