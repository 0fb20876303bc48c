package io.metron.streams.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.enrich.EnrichmentStage;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.streams.enrich.Enrichment;
import io.metron.streams.indexing.IndexingWriter;
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
    ParseProcessor processor = processor(parser, null, maxBytes);
    processor.init(context);
    processor.process(new Record<>(null, value, 0L));
    return context;
  }

  private ParseProcessor processor(SensorParser parser, Enrichment enrichment, int maxBytes) {
    return new ParseProcessor(
        () -> parser,
        "parsed",
        "errors",
        enrichment,
        "enriched",
        "enrich-errors",
        "bro",
        maxBytes,
        clock,
        "h",
        new Metrics());
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
  void aMessageForEnrichmentsIsEnrichedInPlaceAndOnlyADerivedGuidIsMarkedNew() throws Exception {
    Message derived = Message.empty().put("guid", "g1").put("timestamp", 1L);
    Message kept = Message.empty().put("guid", "from-input").put("timestamp", 2L);
    Message routed = Message.empty().put("guid", "g3").put("timestamp", 3L);
    SensorParser parser =
        raw ->
            List.of(
                new ParseOutcome.Parsed(derived, null, true),
                new ParseOutcome.Parsed(kept, null, false),
                new ParseOutcome.Parsed(routed, "elsewhere", true));
    Enrichment enrichment =
        new Enrichment(
            () -> m -> new EnrichmentStage.Outcome(m.put("enriched", true), List.of()),
            clock,
            "h",
            new Metrics());
    MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    context.setRecordMetadata("bro", 0, 42);
    ParseProcessor processor = processor(parser, enrichment, 1024);
    processor.init(context);
    processor.process(new Record<>(null, "x".getBytes(StandardCharsets.UTF_8), 7L));
    var forwarded = context.forwarded();
    assertThat(forwarded).hasSize(3);
    assertThat(forwarded.get(0).childName()).contains("enriched");
    assertThat(MessageCodec.read(forwarded.get(0).record().value()).get("enriched"))
        .isEqualTo(true);
    assertThat(forwarded.get(0).record().timestamp()).isEqualTo(7L);
    assertThat(forwarded.get(0).record().headers().lastHeader(IndexingWriter.DERIVED_GUID_HEADER))
        .isNotNull();
    assertThat(forwarded.get(1).childName()).contains("enriched");
    assertThat(forwarded.get(1).record().headers().lastHeader(IndexingWriter.DERIVED_GUID_HEADER))
        .as("a guid the input carried may repeat, so it is replaced by guid")
        .isNull();
    assertThat(forwarded.get(2).childName()).contains("parsed");
    assertThat(MessageCodec.read(forwarded.get(2).record().value()).has("enriched")).isFalse();
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
