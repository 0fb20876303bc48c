package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metron.core.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserRunnerTest {
  private static final String CONN =
      "{\"conn\":{\"ts\":1717243200.5,\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.1\",\"id.orig_p\":1000,"
          + "\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":53,\"proto\":\"udp\"}}";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Message only(List<ParseOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst().message();
  }

  @Test
  void setsSourceTypeGuidAndCommunityIdOnParsedMessages() throws Exception {
    ParserRunner runner =
        Golden.runner("bro", "{\"parserClassName\": \"bro\"}", "{\"parser.communityId\": true}");
    List<ParseOutcome> outcomes = runner.process(RawMessage.of(bytes(CONN)));
    assertThat(outcomes.getFirst()).isInstanceOf(ParseOutcome.Parsed.class);
    Message m = only(outcomes);
    assertThat(m.sourceType()).isEqualTo("bro");
    assertThat(m.guid()).matches("[0-9a-f-]{36}");
    assertThat(m.get("community_id")).asString().startsWith("1:");
    assertThat(((ParseOutcome.Parsed) outcomes.getFirst()).outputTopic()).isNull();
  }

  @Test
  void guidsDeriveFromTheOriginSoAReplayGivesTheSameGuids() throws Exception {
    ParserRunner runner = Golden.runner("bro", "{\"parserClassName\": \"bro\"}");
    RawMessage raw = new RawMessage(bytes(CONN), null, "bro", "bro/0/42");
    String first = only(runner.process(raw)).guid();
    String replay = only(runner.process(raw)).guid();
    String other =
        only(runner.process(new RawMessage(bytes(CONN), null, "bro", "bro/0/43"))).guid();
    assertThat(replay).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    String errorGuid =
        only(runner.process(new RawMessage(bytes("{"), null, "bro", "bro/0/44"))).guid();
    assertThat(only(runner.process(new RawMessage(bytes("{"), null, "bro", "bro/0/44"))).guid())
        .isEqualTo(errorGuid);
  }

  @Test
  void keyMetadataIsReadAndMergedWhenConfigured() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\", \"readMetadata\": true, \"mergeMetadata\": true}");
    Message m =
        only(
            runner.process(
                new RawMessage(bytes(CONN), bytes("{\"customer\":\"acme\"}"), "bro", null)));
    assertThat(m.get("metron.metadata.customer")).isEqualTo("acme");
    assertThat(m.get("metron.metadata.topic")).isEqualTo("bro");
  }

  @Test
  void unmergedMetadataIsVisibleToStellarButNotStored() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            """
            { "parserClassName": "bro", "readMetadata": true,
              "fieldTransformations": [ { "transformation": "STELLAR", "output": ["customer"],
                  "config": { "customer": "TO_UPPER(`metron.metadata.customer`)" } } ] }
            """
                .replace('`', ' '));
    Message m =
        only(
            runner.process(
                new RawMessage(bytes(CONN), bytes("{\"customer\":\"acme\"}"), "bro", null)));
    assertThat(m.has("metron.metadata.customer")).isFalse();
    assertThat(m.get("customer")).isEqualTo("ACME");
  }

  @Test
  void envelopeStrategyParsesTheMessageFieldAndKeepsTheRestAsMetadata() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "yafchild",
            """
            { "parserClassName": "csv", "rawMessageStrategy": "ENVELOPE",
              "rawMessageStrategyConfig": { "messageField": "payload" },
              "parserConfig": { "columns": ["timestamp", "ip_src_addr"] } }
            """);
    String envelope =
        "{\"payload\":\"1717243200000,10.0.0.9\",\"original_string\":\"<13>full"
            + " line\",\"site\":\"dc1\"}";
    Message m = only(runner.process(RawMessage.of(bytes(envelope))));
    assertThat(m.get("ip_src_addr")).isEqualTo("10.0.0.9");
    assertThat(m.get("original_string")).isEqualTo("<13>full line");
    assertThat(m.get("metron.metadata.site")).isEqualTo("dc1");
    List<ParseOutcome> bad = runner.process(RawMessage.of(bytes("{\"other\":1}")));
    assertThat(bad.getFirst()).isInstanceOf(ParseOutcome.Failed.class);
    assertThat(bad.getFirst().message().get("message")).asString().contains("payload");
  }

  @Test
  void transformationsRunInOrderAndSeeEarlierResults() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            """
            { "parserClassName": "bro", "fieldTransformations": [
                { "transformation": "RENAME", "config": { "uid": "conn_uid" } },
                { "transformation": "STELLAR", "output": ["a", "b"],
                  "config": { "a": "TO_UPPER(proto)", "b": "TO_LOWER(a)" } },
                { "transformation": "REMOVE", "input": ["bro_timestamp"] },
                { "transformation": "REGEX_SELECT", "input": "b", "output": "kind",
                  "config": { "tcp_kind": ["^tcp"], "udp_kind": "^udp" } } ] }
            """);
    Message m = only(runner.process(RawMessage.of(bytes(CONN))));
    assertThat(m.get("conn_uid")).isEqualTo("C1");
    assertThat(m.has("uid")).isFalse();
    assertThat(m.get("a")).isEqualTo("UDP");
    assertThat(m.get("b")).isEqualTo("udp");
    assertThat(m.has("bro_timestamp")).isFalse();
    assertThat(m.get("kind")).isEqualTo("udp_kind");
  }

  @Test
  void selectKeepsOnlyTheOutputsPlusTimestampAndOriginalString() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\", \"fieldTransformations\": [{\"transformation\":"
                + " \"SELECT\", \"output\": [\"ip_src_addr\"]}]}");
    Message m = only(runner.process(RawMessage.of(bytes(CONN))));
    assertThat(m.fields().keySet())
        .contains("ip_src_addr", "timestamp", "original_string", "source.type", "guid")
        .doesNotContain("uid", "proto", "ip_dst_addr");
  }

  @Test
  void stellarFilterDropsMessagesSilently() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\", \"filterClassName\": \"STELLAR\", \"parserConfig\":"
                + " {\"filter.query\": \"ip_dst_port == 80\"}}");
    assertThat(runner.process(RawMessage.of(bytes(CONN))))
        .singleElement()
        .isInstanceOf(ParseOutcome.Filtered.class);
  }

  @Test
  void broFilterKeepsKnownProtocols() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\", \"filterClassName\": \"BRO\", \"parserConfig\":"
                + " {\"bro.filter.source.known.protocols\": [\"conn\", \"dns\"]}}");
    assertThat(runner.process(RawMessage.of(bytes(CONN))).getFirst())
        .isInstanceOf(ParseOutcome.Parsed.class);
    String http = CONN.replace("\"conn\"", "\"http\"");
    assertThat(runner.process(RawMessage.of(bytes(http))).getFirst())
        .isInstanceOf(ParseOutcome.Filtered.class);
  }

  @Test
  void messagesFailingGlobalFieldValidationsBecomeParserInvalid() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\"}",
            """
            { "fieldValidations": [
                { "input": ["ip_src_addr"], "validation": "IP", "config": { "type": "IPV4" } },
                { "input": "uid", "validation": "REGEX_MATCH", "config": { "pattern": "X.*" } } ] }
            """);
    List<ParseOutcome> outcomes = runner.process(RawMessage.of(bytes(CONN)));
    assertThat(outcomes.getFirst()).isInstanceOf(ParseOutcome.Invalid.class);
    Message error = outcomes.getFirst().message();
    assertThat(error.get("error_type")).isEqualTo("parser_invalid");
    assertThat(error.get("error_fields")).isEqualTo("uid");
    assertThat(error.get("raw_message")).asString().contains("\"uid\":\"C1\"");
  }

  @Test
  void aMessageWithoutTimestampIsInvalid() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "grok",
            "{\"parserClassName\": \"grok\", \"parserConfig\": {\"grokPath\": \"/patterns/common\","
                + " \"patternLabel\": \"SYSLOGPROG\"}}");
    List<ParseOutcome> outcomes = runner.process(RawMessage.of(bytes("sshd[42]")));
    assertThat(outcomes.getFirst()).isInstanceOf(ParseOutcome.Invalid.class);
    assertThat(outcomes.getFirst().message().get("message")).asString().contains("timestamp");
  }

  @Test
  void topicFieldRoutesEachMessageAndDropsThoseWithoutIt() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "router",
            """
            { "parserClassName": "bro", "outputTopic": "fallback",
              "parserConfig": { "kafka.topicField": "route" },
              "fieldTransformations": [ { "transformation": "REGEX_SELECT", "input": "proto",
                  "output": "route", "config": { "dns_topic": "udp" } } ] }
            """);
    ParseOutcome routed = runner.process(RawMessage.of(bytes(CONN))).getFirst();
    assertThat(routed).isInstanceOf(ParseOutcome.Parsed.class);
    assertThat(((ParseOutcome.Parsed) routed).outputTopic()).isEqualTo("dns_topic");
    String tcp = CONN.replace("\"udp\"", "\"tcp\"");
    assertThat(runner.process(RawMessage.of(bytes(tcp))).getFirst())
        .isInstanceOf(ParseOutcome.Filtered.class);
  }

  @Test
  void outputTopicComesFromTheSensorConfigWhenNotRouted() throws Exception {
    ParserRunner runner =
        Golden.runner("bro", "{\"parserClassName\": \"bro\", \"outputTopic\": \"custom\"}");
    assertThat(
            ((ParseOutcome.Parsed) runner.process(RawMessage.of(bytes(CONN))).getFirst())
                .outputTopic())
        .isEqualTo("custom");
  }

  @Test
  void aFailingStellarTransformationIsAParserErrorNamingTheField() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "bro",
            "{\"parserClassName\": \"bro\", \"fieldTransformations\": [{\"transformation\":"
                + " \"STELLAR\", \"output\": [\"n\"], \"config\": {\"n\": \"uid + 1\"}}]}");
    ParseOutcome outcome = runner.process(RawMessage.of(bytes(CONN))).getFirst();
    assertThat(outcome).isInstanceOf(ParseOutcome.Failed.class);
    assertThat(outcome.message().get("message")).asString().contains("field 'n'");
    assertThat(outcome.message().get("raw_message")).isEqualTo(CONN);
  }

  @Test
  void errorMessagesCarryMetadataAndBinaryInputAsBase64() throws Exception {
    ParserRunner runner =
        Golden.runner("bro", "{\"parserClassName\": \"bro\", \"readMetadata\": true}");
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
    Message error =
        only(runner.process(new RawMessage(binary, bytes("{\"customer\":\"acme\"}"), "bro", null)));
    assertThat(error.get("raw_message_encoding")).isEqualTo("base64");
    assertThat(error.get("metron.metadata.customer")).isEqualTo("acme");
    assertThat(error.get("failed_sensor_type")).isEqualTo("bro");
  }

  @Test
  void aReasonQuotingAHugeValueIsCutShortWhileTheRawInputIsKeptWhole() throws Exception {
    ParserRunner runner =
        Golden.runner(
            "csv",
            "{\"parserClassName\": \"csv\", \"parserConfig\": {\"columns\": [\"timestamp\"]}}");
    String line = "9".repeat(5000) + "x";
    Message error = only(runner.process(RawMessage.of(bytes(line))));
    assertThat(error.get("message"))
        .asString()
        .startsWith("timestamp '9999")
        .endsWith(" more characters)")
        .hasSizeLessThan(1100);
    assertThat(error.get("raw_message")).isEqualTo(line);
  }

  @Test
  void badConfigsNameTheFileAndPath() {
    assertThatThrownBy(() -> Golden.runner("x", "{\"parserClassName\": \"org.example.Nope\"}"))
        .isInstanceOf(ParserConfigException.class)
        .hasMessageContaining(
            "parsers/x.json: $.parserClassName: unknown parser 'org.example.Nope'");
    assertThatThrownBy(
            () -> Golden.runner("yaf", "{\"parserClassName\": \"grok\", \"parserConfig\": {}}"))
        .hasMessageContaining("parsers/yaf.json: $.parserConfig.grokPath: is required");
    assertThatThrownBy(
            () ->
                Golden.runner(
                    "bro",
                    "{\"parserClassName\": \"bro\", \"fieldTransformations\": [{\"transformation\":"
                        + " \"STELLAR\", \"output\": [\"n\"], \"config\": {\"n\": \"1 +\"}}]}"))
        .hasMessageContaining("parsers/bro.json: $.fieldTransformations[0].config.n:");
    assertThatThrownBy(
            () ->
                Golden.runner(
                    "bro",
                    "{\"parserClassName\": \"bro\", \"filterClassName\": \"STELLAR\","
                        + " \"parserConfig\": {}}"))
        .hasMessageContaining("$.parserConfig['filter.query']: is required");
  }

  @Test
  void parserGroupsRouteByTopicIncludingRegexTopics() throws Exception {
    var bro =
        Golden.load("bro", "{\"parserClassName\": \"bro\"}", null).parser("bro").orElseThrow();
    var csv =
        Golden.load(
                "csv",
                "{\"parserClassName\": \"csv\", \"sensorTopic\": \"/csv-.*/\", \"parserConfig\":"
                    + " {\"columns\": [\"timestamp\", \"v\"]}}",
                null)
            .parser("csv")
            .orElseThrow();
    ParserGroup group =
        ParserGroup.create(
            List.of(bro, csv),
            io.metron.core.config.GlobalConfig.empty(),
            Golden.CLOCK,
            io.metron.pipeline.parse.expr.ExpressionEngine.standard());
    assertThat(group.name()).isEqualTo("bro__csv");
    assertThat(only(group.process(new RawMessage(bytes(CONN), null, "bro", null))).sourceType())
        .isEqualTo("bro");
    assertThat(
            only(group.process(new RawMessage(bytes("1,a"), null, "csv-east", null))).sourceType())
        .isEqualTo("csv");
    ParseOutcome unknown =
        group.process(new RawMessage(bytes("x"), null, "other", null)).getFirst();
    assertThat(unknown).isInstanceOf(ParseOutcome.Failed.class);
    assertThat(unknown.message().get("message")).asString().contains("'other'");
  }
}
