package io.metron.streams.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** An {@link EventSink} that keeps what it is sent, for tests; can be told to refuse events. */
public final class RecordingSink implements EventSink {
  /** One event as sent. */
  public record Sent(String topic, byte[] key, byte[] value) {
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }

    public String keyText() {
      return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }
  }

  private final List<Sent> sent = new ArrayList<>();
  private volatile Predicate<byte[]> refuse = v -> false;

  /** From now on, events matching {@code test} fail instead of being kept. */
  public void refuseWhen(Predicate<byte[]> test) {
    refuse = test;
  }

  @Override
  public synchronized CompletableFuture<Void> send(String topic, byte[] key, byte[] value) {
    if (refuse.test(value)) {
      return CompletableFuture.failedFuture(new IllegalStateException("refused for the test"));
    }
    sent.add(new Sent(topic, key, value));
    return CompletableFuture.completedFuture(null);
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The values sent so far, as UTF-8 text. */
  public synchronized List<String> texts() {
    return sent.stream().map(Sent::text).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
