package io.metron.streams.ingest.syslog;

import java.util.Arrays;

/**
 * Splits a TCP byte stream into syslog messages, as RFC 6587 describes, deciding per message: a
 * message that starts with digits and a space is octet-counted ({@code 57 <34>1 2003-...}),
 * anything else runs to the next line feed (non-transparent framing). A trailing CR before the LF
 * is dropped with it; empty lines are skipped. Not thread-safe: one decoder per connection.
 */
public final class SyslogFrameDecoder {

  /** What the decoder reports. Implementations must not throw. */
  public interface Listener {
    /** One complete message; the array is the listener's to keep. */
    void message(byte[] message);

    /** A message over the size limit was skipped. */
    void oversize();

    /** The stream ended in the middle of an octet-counted message, which is discarded. */
    void truncated();
  }

  private enum State {
    START,
    COUNT,
    OCTETS,
    SKIP_OCTETS,
    LINE,
    SKIP_LINE
  }

  // An octet count longer than this is no count; 10 digits already exceed any sane limit.
  private static final int MAX_COUNT_DIGITS = 10;

  private final int maxMessage;
  private final Listener listener;
  private State state = State.START;
  private byte[] buf = new byte[256];
  private int len;
  private long remaining;

  /**
   * @param maxMessage the largest message, in bytes, passed on; longer ones are skipped and
   *     reported as oversize
   */
  public SyslogFrameDecoder(int maxMessage, Listener listener) {
    this.maxMessage = maxMessage;
    this.listener = listener;
  }

  /** Feeds the next bytes of the stream. */
  public void feed(byte[] data, int off, int n) {
    int i = off;
    int end = off + n;
    while (i < end) {
      switch (state) {
        case START -> {
          byte b = data[i++];
          if (b == '\n' || b == '\r' || b == 0) {
            continue;
          }
          len = 0;
          append(b);
          state = isDigit(b) ? State.COUNT : State.LINE;
        }
        case COUNT -> {
          byte b = data[i++];
          if (isDigit(b) && len < MAX_COUNT_DIGITS) {
            append(b);
          } else if (b == ' ') {
            startOctets(
                Long.parseLong(
                    new String(buf, 0, len, java.nio.charset.StandardCharsets.US_ASCII)));
          } else {
            // Digits not followed by a space: a newline-framed message that begins with digits.
            state = State.LINE;
            i--;
          }
        }
        case OCTETS -> {
          int take = (int) Math.min(remaining, end - i);
          appendAll(data, i, take);
          i += take;
          remaining -= take;
          if (remaining == 0) {
            listener.message(Arrays.copyOf(buf, len));
            state = State.START;
          }
        }
        case SKIP_OCTETS -> {
          int take = (int) Math.min(remaining, end - i);
          i += take;
          remaining -= take;
          if (remaining == 0) {
            state = State.START;
          }
        }
        case LINE -> {
          int lf = indexOf(data, i, end, (byte) '\n');
          int stop = lf < 0 ? end : lf;
          if (len + (stop - i) > maxMessage + 1) {
            // +1 tolerates the CR of a CRLF that is stripped below.
            listener.oversize();
            state = lf < 0 ? State.SKIP_LINE : State.START;
            i = lf < 0 ? end : lf + 1;
            continue;
          }
          appendAll(data, i, stop - i);
          i = stop;
          if (lf >= 0) {
            i++;
            emitLine();
          }
        }
        case SKIP_LINE -> {
          int lf = indexOf(data, i, end, (byte) '\n');
          if (lf < 0) {
            i = end;
          } else {
            i = lf + 1;
            state = State.START;
          }
        }
      }
    }
  }

  /** The stream ended: passes on a last message without its line feed, if any. */
  public void finish() {
    switch (state) {
      case COUNT, LINE -> emitLine();
      case OCTETS -> listener.truncated();
      default -> {}
    }
    state = State.START;
    len = 0;
  }

  private void startOctets(long count) {
    len = 0;
    if (count == 0) {
      state = State.START;
    } else if (count > maxMessage) {
      listener.oversize();
      remaining = count;
      state = State.SKIP_OCTETS;
    } else {
      remaining = count;
      state = State.OCTETS;
    }
  }

  private void emitLine() {
    int n = len;
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    if (n > maxMessage) {
      listener.oversize();
    } else if (n > 0) {
      listener.message(Arrays.copyOf(buf, n));
    }
    len = 0;
    state = State.START;
  }

  private void append(byte b) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = b;
  }

  private void appendAll(byte[] data, int off, int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
    }
    System.arraycopy(data, off, buf, len, n);
    len += n;
  }

  private static int indexOf(byte[] data, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
