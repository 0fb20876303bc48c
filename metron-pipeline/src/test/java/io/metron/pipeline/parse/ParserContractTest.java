package io.metron.pipeline.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * What every registered parser promises: its example config builds, its example input parses, and
 * bad input of every kind (empty, blank, binary, invalid UTF-8, truncated, 10 MB, pathological
 * repetition) keeps {@link OutcomeContract}.
 */
class ParserContractTest {

  static ParserRunner runner(ParserType type) throws ParserConfigException {
    Map<String, Object> example = BuiltinParsers.exampleSensorConfig(type);
    @SuppressWarnings("unchecked")
    Map<String, Object> parserConfig = (Map<String, Object>) example.get("parserConfig");
    SensorParserConfig config =
        new SensorParserConfig(
            type.name(),
            (String) example.get("parserClassName"),
            null,
            type.name(),
            null,
            null,
            null,
            null,
            null,
            null,
            "DEFAULT",
            Map.of(),
            parserConfig,
            List.of(),
            Map.of(),
            Map.of(),
            null);
    return ParserRunner.create(
        config, GlobalConfig.empty(), Golden.CLOCK, ExpressionEngine.standard());
  }

  @Test
  void registryListsEveryMetronParserByClassName() {
    List<String> classes =
        List.of(
            "org.apache.metron.parsers.bro.BasicBroParser",
            "org.apache.metron.parsers.snort.BasicSnortParser",
            "org.apache.metron.parsers.GrokParser",
            "org.apache.metron.parsers.asa.BasicAsaParser",
            "org.apache.metron.parsers.websphere.GrokWebSphereParser",
            "org.apache.metron.parsers.fireeye.BasicFireEyeParser",
            "org.apache.metron.parsers.ise.BasicIseParser",
            "org.apache.metron.parsers.lancope.BasicLancopeParser",
            "org.apache.metron.parsers.logstash.BasicLogstashParser",
            "org.apache.metron.parsers.paloalto.BasicPaloAltoFirewallParser",
            "org.apache.metron.parsers.sourcefire.BasicSourcefireParser",
            "org.apache.metron.parsers.cef.CEFParser",
            "org.apache.metron.parsers.leef.LEEFParser",
            "org.apache.metron.parsers.syslog.Syslog3164Parser",
            "org.apache.metron.parsers.syslog.Syslog5424Parser",
            "org.apache.metron.parsers.csv.CSVParser",
            "org.apache.metron.parsers.json.JSONMapParser",
            "org.apache.metron.parsers.regex.RegularExpressionsParser");
    for (String name : classes) {
      assertThat(BuiltinParsers.find(name)).as(name).isPresent();
    }
    assertThat(BuiltinParsers.find("zeek")).isPresent();
    assertThat(BuiltinParsers.find("suricata")).isPresent();
    assertThat(BuiltinParsers.find("no.such.Parser")).isEmpty();
  }

  /** One dynamic test per registered parser. */
  private static Stream<DynamicTest> perParser(ThrowingConsumer<ParserType> test) {
    return BuiltinParsers.all().stream()
        .map(type -> DynamicTest.dynamicTest(type.name(), () -> test.accept(type)));
  }

  @TestFactory
  Stream<DynamicTest> exampleConfigBuildsAndExampleInputParses() {
    return perParser(
        type -> {
          List<ParseOutcome> outcomes =
              runner(type).process(RawMessage.of(type.exampleInput().getBytes(UTF_8)));
          assertThat(outcomes).isNotEmpty();
          assertThat(outcomes)
              .as("%s example outcomes %s", type.name(), outcomes)
              .allMatch(o -> o instanceof ParseOutcome.Parsed);
          Message message = outcomes.getFirst().message();
          assertThat(message.get("source.type")).isEqualTo(type.name());
          assertThat(message.timestamp()).isNotNull();
          assertThat(message.originalString()).isNotEmpty();
          assertThat(message.guid()).hasSize(36);
        });
  }

  /**
   * Bad input of every kind gives error messages with a reason and the raw input, never an
   * exception and never a hang. Besides the usual suspects, long runs of one character that once
   * made a pattern backtrack for minutes (spaces before a CEF header), overflow the stack (a host
   * name of thousands of labels) or scan quadratically ('=' without spaces in CEF extensions).
   * Random mutations are {@link ParserFuzzTest}'s work.
   */
  @TestFactory
  Stream<DynamicTest> badInputBecomesErrorMessagesWithTheRawBytes() {
    return perParser(
        type -> {
          ParserRunner runner = runner(type);
          byte[] example = type.exampleInput().getBytes(UTF_8);
          Random random = new Random(type.name().hashCode());
          byte[] binary = new byte[512];
          random.nextBytes(binary);
          byte[] huge = new byte[10 * 1024 * 1024];
          Arrays.fill(huge, (byte) 'a');
          System.arraycopy(example, 0, huge, 0, example.length);
          List<byte[]> inputs =
              List.of(
                  new byte[0],
                  "   ".getBytes(UTF_8),
                  new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1, 2},
                  Arrays.copyOf(example, example.length / 2),
                  binary,
                  huge,
                  " ".repeat(1 << 20).getBytes(UTF_8),
                  ("<13>" + "1.".repeat(1 << 19)).getBytes(UTF_8),
                  ("CEF:0|a|b|c|d|e|1|" + "a=".repeat(1 << 19)).getBytes(UTF_8));
          for (byte[] input : inputs) {
            List<ParseOutcome> outcomes = OutcomeContract.check(runner, input);
            if (input.length == 0) {
              assertThat(outcomes).singleElement().isInstanceOf(ParseOutcome.Failed.class);
            }
          }
        });
  }
}
