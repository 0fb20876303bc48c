package io.metron.streams.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {
  private final List<String> messages = new ArrayList<>();
  private int oversize;
  private int truncated;

  private SyslogFrameDecoder decoder(int max) {
    return new SyslogFrameDecoder(
        max,
        new SyslogFrameDecoder.Listener() {
          @Override
          public void message(byte[] message) {
            messages.add(new String(message, StandardCharsets.UTF_8));
          }

          @Override
          public void oversize() {
            oversize++;
          }

          @Override
          public void truncated() {
            truncated++;
          }
        });
  }

  private static void feed(SyslogFrameDecoder d, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    d.feed(b, 0, b.length);
  }

  @Test
  void splitsNewlineFramedMessagesDroppingCrAndEmptyLines() {
    SyslogFrameDecoder d = decoder(1024);
    feed(d, "<13>Jan  1 00:00:00 host app: one\r\n\n<13>Jan  1 00:00:01 host app: two\n");
    assertThat(messages)
        .containsExactly("<13>Jan  1 00:00:00 host app: one", "<13>Jan  1 00:00:01 host app: two");
  }

  @Test
  void readsOctetCountedFramesWhoseBodiesHoldNewlines() {
    SyslogFrameDecoder d = decoder(1024);
    String first = "<34>1 2024-05-01T10:00:00Z host app - - - line one\nline two";
    String second = "<34>1 2024-05-01T10:00:01Z host app - - - x";
    feed(d, first.length() + " " + first + second.length() + " " + second);
    assertThat(messages).containsExactly(first, second);
  }

  @Test
  void mixesBothFramingsOnOneStreamAndSurvivesAnySplit() {
    String octet = "<34>1 - host app - - - counted";
    String stream = octet.length() + " " + octet + "<13>plain line\n" + "5 hello" + "7x digits\n";
    // Every split point, byte by byte.
    for (int cut = 0; cut <= stream.length(); cut++) {
      messages.clear();
      SyslogFrameDecoder d = decoder(1024);
      feed(d, stream.substring(0, cut));
      feed(d, stream.substring(cut));
      d.finish();
      assertThat(messages)
          .as("split at %d", cut)
          .containsExactly(octet, "<13>plain line", "hello", "7x digits");
    }
  }

  @Test
  void aLineStartingWithDigitsButNoCountIsAPlainLine() {
    SyslogFrameDecoder d = decoder(1024);
    feed(d, "2024-05-01 host message\n12345678901234 long digits\n");
    assertThat(messages).containsExactly("2024-05-01 host message", "12345678901234 long digits");
  }

  @Test
  void skipsOversizeMessagesInBothFramingsAndKeepsGoing() {
    SyslogFrameDecoder d = decoder(10);
    feed(d, "short\n" + "x".repeat(50) + "\nafter\n" + "20 " + "y".repeat(20) + "ok\n");
    assertThat(messages).containsExactly("short", "after", "ok");
    assertThat(oversize).isEqualTo(2);
  }

  @Test
  void passesOnALastLineWithoutLineFeedAtEndOfStreamButNotACutOctetFrame() {
    SyslogFrameDecoder d = decoder(1024);
    feed(d, "<13>no newline at the end");
    assertThat(messages).isEmpty();
    d.finish();
    assertThat(messages).containsExactly("<13>no newline at the end");

    messages.clear();
    SyslogFrameDecoder cut = decoder(1024);
    feed(cut, "30 <13>only part");
    cut.finish();
    assertThat(messages).isEmpty();
    assertThat(truncated).isEqualTo(1);
  }

  @Test
  void keepsBytesUnchangedIncludingUtf8AndBom() {
    SyslogFrameDecoder d = decoder(1024);
    byte[] msg = "<165>1 - h a - - \uFEFFgrüße ✓".getBytes(StandardCharsets.UTF_8);
    byte[] frame = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
    d.feed(frame, 0, frame.length);
    d.feed(msg, 0, msg.length);
    assertThat(messages).containsExactly("<165>1 - h a - - \uFEFFgrüße ✓");
  }
}
