package io.metron.pipeline.parse;

import io.metron.core.message.Message;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A parser for inputs that hold one record per line ({@code \n} or {@code \r\n}): each line that is
 * not skipped is parsed by a {@link TextParser}, and a line it rejects becomes an error of its own,
 * so one bad line costs only itself.
 *
 * <p>The error of a line carries that line's bytes exactly as received (the whole input when it is
 * a single line), even where they are not valid in the charset: lines are cut out of the bytes
 * before decoding whenever the charset writes {@code \n} as the single byte 10, as UTF-8 and the
 * ISO-8859 family do. Immutable and thread-safe.
 */
public final class LineParser implements Parser {
  private final Charset charset;
  private final TextParser lines;
  private final Predicate<String> skip;
  private final String nothingReason;
  private final boolean splitBytes;

  /**
   * @param charset how the bytes are decoded
   * @param lines parses one line
   * @param skip lines to pass over without a message or an error (blank lines always are)
   * @param nothingReason the error when an input holds no line to parse, or {@code null} to let
   *     such an input produce nothing
   */
  public LineParser(
      Charset charset, TextParser lines, Predicate<String> skip, String nothingReason) {
    this.charset = charset;
    this.lines = lines;
    this.skip = skip;
    this.nothingReason = nothingReason;
    this.splitBytes = Arrays.equals("\n".getBytes(charset), new byte[] {'\n'});
  }

  /** One line per record, blank lines skipped, an input of only blank lines an error. */
  public LineParser(Charset charset, TextParser lines, String nothingReason) {
    this(charset, lines, line -> false, nothingReason);
  }

  @Override
  public ParseResult parse(byte[] raw) {
    List<byte[]> parts = splitBytes ? byteLines(raw) : null;
    List<String> texts = new ArrayList<>();
    if (parts != null) {
      for (byte[] part : parts) {
        texts.add(new String(part, charset));
      }
    } else {
      texts.addAll(Arrays.asList(new String(raw, charset).split("\r?\n")));
    }
    List<Message> messages = new ArrayList<>();
    List<ParseResult.Problem> errors = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String line = texts.get(i);
      if (line.isBlank() || skip.test(line)) {
        continue;
      }
      try {
        messages.add(lines.parse(line));
      } catch (BadInputException e) {
        byte[] bytes =
            texts.size() == 1 ? null : parts != null ? parts.get(i) : line.getBytes(charset);
        errors.add(new ParseResult.Problem(e.getMessage(), bytes, null));
      }
    }
    if (messages.isEmpty() && errors.isEmpty() && nothingReason != null) {
      return ParseResult.error(nothingReason);
    }
    return new ParseResult(messages, errors);
  }

  /** The lines of {@code raw} without their terminators; a final terminator ends no extra line. */
  private static List<byte[]> byteLines(byte[] raw) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    while (start < raw.length) {
      int end = start;
      while (end < raw.length && raw[end] != '\n') {
        end++;
      }
      int stop = end > start && raw[end - 1] == '\r' ? end - 1 : end;
      out.add(Arrays.copyOfRange(raw, start, stop));
      start = end + 1;
    }
    return out;
  }
}
