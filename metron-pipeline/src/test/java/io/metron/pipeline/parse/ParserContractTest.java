package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.config.GlobalConfig;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every registered parser promises: its example config builds, its example input parses, and
 * bad input of every kind (empty, blank, binary, invalid UTF-8, truncated, mutated, 10 MB) gives
 * error messages carrying the raw input, never an exception and never a hang.
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

  @TestFactory
  Stream<DynamicTest> exampleConfigBuildsAndExampleInputParses() {
    return BuiltinParsers.all().stream()
        .map(
            type ->
                DynamicTest.dynamicTest(
                    type.name(),
                    () -> {
                      List<ParseOutcome> outcomes =
                          runner(type)
                              .process(
                                  RawMessage.of(
                                      type.exampleInput().getBytes(StandardCharsets.UTF_8)));
                      assertThat(outcomes).isNotEmpty();
                      assertThat(outcomes)
                          .as("%s example outcomes %s", type.name(), outcomes)
                          .allMatch(o -> o instanceof ParseOutcome.Parsed);
                      Message message = outcomes.getFirst().message();
                      assertThat(message.get("source.type")).isEqualTo(type.name());
                      assertThat(message.timestamp()).isNotNull();
                      assertThat(message.originalString()).isNotEmpty();
                      assertThat(message.guid()).hasSize(36);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> badInputBecomesErrorMessagesWithTheRawBytes() {
    return BuiltinParsers.all().stream()
        .map(type -> DynamicTest.dynamicTest(type.name(), () -> badInputs(type)));
  }

  private static void badInputs(ParserType type) throws Exception {
    ParserRunner runner = runner(type);
    byte[] example = type.exampleInput().getBytes(StandardCharsets.UTF_8);
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add("   ".getBytes(StandardCharsets.UTF_8));
    inputs.add(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1, 2});
    inputs.add(Arrays.copyOf(example, example.length / 2));
    Random random = new Random(type.name().hashCode());
    byte[] binary = new byte[512];
    random.nextBytes(binary);
    inputs.add(binary);
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'a');
    System.arraycopy(example, 0, huge, 0, example.length);
    inputs.add(huge);
    for (byte[] input : inputs) {
      List<ParseOutcome> outcomes = runner.process(new RawMessage(input, null, "t", "o"));
      for (ParseOutcome outcome : outcomes) {
        if (outcome instanceof ParseOutcome.Failed failed) {
          assertThat(failed.error().get("error_type")).isEqualTo("parser_error");
          assertThat(failed.error().get("message")).asString().isNotBlank();
          if (input.length > 0) {
            assertThat(failed.error().has("raw_message")).isTrue();
          }
        }
      }
      if (input.length == 0) {
        assertThat(outcomes).singleElement().isInstanceOf(ParseOutcome.Failed.class);
      }
    }
  }

  /** Seeded mutation fuzzing of each parser's example input: outcomes, never exceptions. */
  @TestFactory
  Stream<DynamicTest> mutatedInputsNeverThrow() {
    return BuiltinParsers.all().stream()
        .map(
            type ->
                DynamicTest.dynamicTest(
                    type.name(),
                    () -> {
                      ParserRunner runner = runner(type);
                      byte[] seed = type.exampleInput().getBytes(StandardCharsets.UTF_8);
                      Random random = new Random(42L * type.name().hashCode());
                      int outcomes = 0;
                      for (int i = 0; i < 300; i++) {
                        byte[] input = mutate(seed, random);
                        List<ParseOutcome> result = runner.process(RawMessage.of(input));
                        assertThat(result).isNotNull();
                        outcomes += result.size();
                      }
                      // Only the CSV parser may skip an input entirely (a mutation that makes a
                      // comment line).
                      assertThat(outcomes).isGreaterThan(200);
                    }));
  }

  static byte[] mutate(byte[] seed, Random random) {
    byte[] out = seed.clone();
    int edits = 1 + random.nextInt(8);
    for (int e = 0; e < edits && out.length > 0; e++) {
      switch (random.nextInt(4)) {
        case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
        case 2 -> {
          int at = random.nextInt(out.length);
          byte[] longer = new byte[out.length + 1];
          System.arraycopy(out, 0, longer, 0, at);
          String specials = "|,={}[]\":\\ \t";
          longer[at] = (byte) specials.charAt(random.nextInt(specials.length()));
          System.arraycopy(out, at, longer, at + 1, out.length - at);
          out = longer;
        }
        default -> {
          int at = random.nextInt(out.length);
          out = Arrays.copyOfRange(out, at, out.length);
        }
      }
    }
    return out;
  }
}
