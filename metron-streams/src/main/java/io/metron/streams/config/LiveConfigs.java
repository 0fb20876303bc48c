package io.metron.streams.config;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's current configs, kept up to date with a config directory.
 *
 * <p>A background thread looks at the directory's files every {@code interval} (polling rather than
 * file-system events, because editors and config-management tools replace files in ways watch
 * services report inconsistently). When anything changed, the directory is loaded and validated as
 * a whole: a valid result replaces the current configs and is passed to every listener; an invalid
 * one is refused, each problem is logged with its file and path, and the running configs stay.
 * Thread-safe.
 */
public final class LiveConfigs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveConfigs.class);

  private final Path dir;
  private final ConfigLoader loader;
  private final AtomicReference<Configs> current;
  private final List<Consumer<Configs>> listeners = new CopyOnWriteArrayList<>();
  private volatile String fingerprint;
  private volatile List<ConfigProblem> lastRefusal = List.of();
  private Thread watcher;

  private LiveConfigs(Path dir, ConfigLoader loader, Configs initial, String fingerprint) {
    this.dir = dir;
    this.loader = loader;
    this.current = new AtomicReference<>(initial);
    this.fingerprint = fingerprint;
  }

  /** Loads {@code dir}; fails with every problem if it is not valid. */
  public static LiveConfigs load(Path dir, ConfigLoader loader) throws ConfigException {
    String fingerprint = fingerprint(dir);
    return new LiveConfigs(dir, loader, loader.load(dir), fingerprint);
  }

  /** Fixed configs that never change: for tests and one-shot tools. */
  public static LiveConfigs fixed(Configs configs) {
    return new LiveConfigs(null, null, configs, "");
  }

  public Configs get() {
    return current.get();
  }

  /** Called with each new valid set of configs, on the watcher's thread. */
  public void onChange(Consumer<Configs> listener) {
    listeners.add(listener);
  }

  /** The problems of the last refused change, empty if the last change was accepted. */
  public List<ConfigProblem> lastRefusal() {
    return lastRefusal;
  }

  /** Starts checking the directory for changes every {@code intervalMillis}. */
  public void watch(long intervalMillis) {
    if (dir == null || watcher != null) {
      return;
    }
    watcher =
        Thread.ofPlatform()
            .daemon()
            .name("config-watcher")
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(intervalMillis);
                      reloadIfChanged();
                    } catch (InterruptedException e) {
                      return;
                    } catch (RuntimeException e) {
                      LOG.error(
                          "Config reload failed unexpectedly; keeping the running configs", e);
                    }
                  }
                });
  }

  /** Reloads now if any document changed; returns true if new configs were applied. */
  public boolean reloadIfChanged() {
    String now = fingerprint(dir);
    if (now.equals(fingerprint)) {
      return false;
    }
    fingerprint = now;
    ConfigLoader.Result result;
    try {
      result = loader.read(dir);
    } catch (ConfigException e) {
      refuse(e.problems());
      return false;
    }
    if (!result.valid()) {
      refuse(result.problems().errors());
      return false;
    }
    lastRefusal = List.of();
    current.set(result.configs());
    LOG.info("Applied changed configs from {}", dir);
    for (Consumer<Configs> listener : listeners) {
      listener.accept(result.configs());
    }
    return true;
  }

  private void refuse(List<ConfigProblem> problems) {
    lastRefusal = List.copyOf(problems);
    StringBuilder message = new StringBuilder();
    problems.forEach(p -> message.append("\n  ").append(p));
    LOG.error("Refusing changed configs in {}; the running configs stay:{}", dir, message);
  }

  /** A checksum of every document's name and content: changes when any file does. */
  private static String fingerprint(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return "";
    }
    CRC32C crc = new CRC32C();
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path p :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        crc.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        try {
          crc.update(Files.readAllBytes(p));
        } catch (IOException e) {
          crc.update(0);
        }
      }
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
    return Long.toHexString(crc.getValue());
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.interrupt();
    }
  }
}
