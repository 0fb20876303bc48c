package io.metron.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.streams.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class ParseProcessorTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  private MockProcessorContext<byte[], byte[]> run(
      SensorParser parser, int maxBytes, byte[] value) {
    MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    context.setRecordMetadata("bro", 0, 42);
    ParseProcessor processor =
        new ParseProcessor(
            () -> parser, "parsed", "errors", "bro", maxBytes, clock, "h", new Metrics());
    processor.init(context);
    processor.process(new Record<>(null, value, 0L));
    return context;
  }

  @Test
  void routesParsedMessagesAndErrorsToTheirChildren() throws Exception {
    Message ok = Message.empty().put("guid", "g1").put("timestamp", 1L);
    Message bad = Message.empty().put("source.type", "error").put("error_type", "parser_error");
    SensorParser parser =
        raw ->
            List.of(
                new ParseOutcome.Parsed(ok, "routed"),
                new ParseOutcome.Failed(bad),
                new ParseOutcome.Filtered());
    var forwarded = run(parser, 1024, "x".getBytes(StandardCharsets.UTF_8)).forwarded();
    assertThat(forwarded).hasSize(2);
    assertThat(forwarded.get(0).childName()).contains("parsed");
    assertThat(
            new String(
                forwarded.get(0).record().headers().lastHeader("metron.output.topic").value()))
        .isEqualTo("routed");
    assertThat(MessageCodec.read(forwarded.get(0).record().value())).isEqualTo(ok);
    assertThat(forwarded.get(1).childName()).contains("errors");
  }

  @Test
  void aRecordOverTheLimitBecomesAnErrorKeepingItsFirstBytes() throws Exception {
    byte[] big = "y".repeat(20_000).getBytes(StandardCharsets.UTF_8);
    SensorParser never =
        raw -> {
          throw new AssertionError("the parser must not see an oversized record");
        };
    var forwarded = run(never, 8192, big).forwarded();
    assertThat(forwarded)
        .singleElement()
        .satisfies(f -> assertThat(f.childName()).contains("errors"));
    Message error = MessageCodec.read(forwarded.getFirst().record().value());
    assertThat(error.get("raw_message_truncated")).isEqualTo(true);
    assertThat(error.get("raw_message_size")).isEqualTo(20_000L);
    assertThat((String) error.get("raw_message")).hasSize(16 * 1024);
    assertThat((String) error.get("message")).contains("over the limit of 8192");

    byte[] medium = "z".repeat(9_000).getBytes(StandardCharsets.UTF_8);
    Message smaller =
        MessageCodec.read(run(never, 8192, medium).forwarded().getFirst().record().value());
    assertThat((String) smaller.get("raw_message")).hasSize(9_000);
  }
}
