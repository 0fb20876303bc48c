package io.metron.pipeline.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * What {@link ParserRunner#process} promises for any input whatever, checked by the contract test
 * and the fuzz tests: it returns (never throws), and each outcome is a complete parsed message, a
 * filtered marker, or an error message with a reason and the bytes it is about.
 *
 * <p>An error made from an exception the runner caught is a broken promise too: bad data must be
 * reported by the parser with a reason, not surface as a parser bug with a stack trace.
 */
final class OutcomeContract {
  private OutcomeContract() {}

  /** Processes {@code input} with {@code runner} and checks every outcome. */
  static List<ParseOutcome> check(ParserRunner runner, byte[] input) {
    List<ParseOutcome> outcomes =
        runner.process(new RawMessage(input, null, runner.sensor(), "fuzz/0/1"));
    assertThat(outcomes).as("outcomes of %s", runner.sensor()).isNotNull();
    if (outcomes.isEmpty()) {
      assertThat(mayProduceNothing(runner.type().name(), input))
          .as("%s produced nothing from an input with something in it", runner.sensor())
          .isTrue();
    }
    for (ParseOutcome outcome : outcomes) {
      switch (outcome) {
        case ParseOutcome.Parsed parsed -> checkParsed(runner, parsed.message());
        case ParseOutcome.Filtered filtered -> assertThat(filtered.message()).isNull();
        case ParseOutcome.Invalid invalid -> {
          Message error = invalid.message();
          assertThat(error.get("error_type")).isEqualTo("parser_invalid");
          assertThat(error.get("message")).asString().isNotBlank().hasSizeLessThan(1100);
          assertThat(error.get("raw_message")).asString().startsWith("{");
        }
        case ParseOutcome.Failed failed -> checkFailed(runner, failed.message(), input);
      }
    }
    return outcomes;
  }

  /**
   * Inputs that hold no record and are no error either: CSV text of blank lines and comments, and
   * JSON in which a {@code jsonpQuery} selects nothing (an empty batch), as in Metron.
   */
  private static boolean mayProduceNothing(String parser, byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    return switch (parser) {
      case "csv" ->
          Arrays.stream(text.split("\r?\n"))
              .allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"));
      case "jsonMap" -> isJson(text) || isJson("[" + text.strip().replaceAll(",$", "") + "]");
      default -> false;
    };
  }

  private static boolean isJson(String text) {
    try {
      return !MessageCodec.JSON.readTree(text).isMissingNode();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static void checkParsed(ParserRunner runner, Message message) {
    assertThat(message.sourceType()).isEqualTo(runner.sensor());
    assertThat(message.timestamp()).as("timestamp of %s", message.fields()).isNotNull();
    assertThat(message.originalString()).as("original_string").isNotNull();
    // The parser's own guid is kept, as in Metron; else one is made.
    assertThat(message.guid()).isNotBlank();
  }

  private static void checkFailed(ParserRunner runner, Message error, byte[] input) {
    assertThat(error.get("error_type")).isEqualTo("parser_error");
    assertThat(error.get("failed_sensor_type")).isEqualTo(runner.sensor());
    assertThat(error.get("message")).as("reason").asString().isNotBlank().hasSizeLessThan(1100);
    assertThat(error.has("exception"))
        .as("%s turned bad data into a bug report: %s", runner.sensor(), error.get("exception"))
        .isFalse();
    if (input.length == 0) {
      return;
    }
    Object text = error.get("raw_message");
    assertThat(text).as("raw_message").isInstanceOf(String.class);
    byte[] raw =
        "base64".equals(error.get("raw_message_encoding"))
            ? Base64.getDecoder().decode((String) text)
            : ((String) text).getBytes(StandardCharsets.UTF_8);
    assertThat(raw).as("raw bytes of the error").isNotEmpty();
    assertThat(indexOf(input, raw) >= 0 || isEnvelopeField(input, raw))
        .as("the error's raw bytes are a part of the input, as received (or an envelope's field)")
        .isTrue();
  }

  /** An ENVELOPE sensor parses one field of the JSON input; its errors carry that field. */
  private static boolean isEnvelopeField(byte[] input, byte[] raw) {
    Message envelope;
    try {
      envelope = MessageCodec.read(input);
    } catch (MessageFormatException e) {
      return false;
    }
    for (Object value : envelope.fields().values()) {
      try {
        byte[] field =
            value instanceof String text
                ? text.getBytes(StandardCharsets.UTF_8)
                : MessageCodec.JSON.writeValueAsBytes(value);
        if (Arrays.equals(field, raw)) {
          return true;
        }
      } catch (JsonProcessingException e) {
        throw new AssertionError("a value read from JSON writes back as JSON", e);
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
