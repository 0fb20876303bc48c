package io.metron.pipeline.parse;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.metron.core.message.Message;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LineParser} and {@link TextParser#whole}: decoding, splitting and bad records. */
class LineParserTest {
  /** Accepts lines starting with "ok", naming the line in the message. */
  private static final TextParser OK_LINES =
      line -> {
        if (!line.startsWith("ok")) {
          throw new BadInputException("line does not start with 'ok'");
        }
        return Message.empty().put("line", line);
      };

  @Test
  void eachLineIsARecordAndABadLineCarriesItsOwnBytesAsReceived() {
    byte[] input = {
      'o', 'k', '1', '\r', '\n', 'b', 'a', 'd', (byte) 0xFF, '\n', '\n', 'o', 'k', '2'
    };
    ParseResult result = new LineParser(UTF_8, OK_LINES, "nothing").parse(input);

    assertThat(result.messages()).extracting(m -> m.get("line")).containsExactly("ok1", "ok2");
    assertThat(result.errors()).singleElement();
    ParseResult.Problem problem = result.errors().getFirst();
    assertThat(problem.reason()).isEqualTo("line does not start with 'ok'");
    assertThat(problem.raw()).containsExactly('b', 'a', 'd', (byte) 0xFF);
  }

  @Test
  void aSingleBadLineIsTheWholeInput() {
    ParseResult result = new LineParser(UTF_8, OK_LINES, "nothing").parse("bad\n".getBytes(UTF_8));
    assertThat(result.errors()).singleElement().satisfies(p -> assertThat(p.raw()).isNull());
  }

  @Test
  void inputsWithNothingToParseAreAnErrorOnlyWhenAReasonIsGiven() {
    byte[] blank = " \r\n\t\n".getBytes(UTF_8);
    assertThat(new LineParser(UTF_8, OK_LINES, "no line here").parse(blank).errors())
        .extracting(ParseResult.Problem::reason)
        .containsExactly("no line here");
    ParseResult skipped =
        new LineParser(UTF_8, OK_LINES, line -> line.startsWith("#"), null)
            .parse("# comment\n\n".getBytes(UTF_8));
    assertThat(skipped.messages()).isEmpty();
    assertThat(skipped.errors()).isEmpty();
  }

  @Test
  void singleByteAndWideCharsetsSplitAlike() {
    ParseResult latin1 =
        new LineParser(ISO_8859_1, OK_LINES, null).parse("ok\u00e9\nx".getBytes(ISO_8859_1));
    assertThat(latin1.messages()).extracting(m -> m.get("line")).containsExactly("ok\u00e9");
    assertThat(latin1.errors().getFirst().raw()).containsExactly('x');

    ParseResult wide = new LineParser(UTF_16, OK_LINES, null).parse("ok1\nok2".getBytes(UTF_16));
    assertThat(wide.messages()).extracting(m -> m.get("line")).containsExactly("ok1", "ok2");
  }

  @Test
  void wholeInputParsersReportBadInputAsTheInputsError() {
    Parser parser = TextParser.whole(UTF_8, OK_LINES);
    assertThat(parser.parse("ok all".getBytes(UTF_8)).messages())
        .extracting(Message::fields)
        .containsExactly(Map.of("line", "ok all"));
    assertThat(parser.parse("nope".getBytes(UTF_8)).errors())
        .extracting(ParseResult.Problem::reason, ParseResult.Problem::raw)
        .containsExactly(tuple("line does not start with 'ok'", null));
  }
}
