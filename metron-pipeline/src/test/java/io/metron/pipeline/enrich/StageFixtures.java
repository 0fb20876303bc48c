package io.metron.pipeline.enrich;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Builds configs from JSON text the way a user writes them, and messages from JSON. */
final class StageFixtures {
  static final long NOW = 1_700_000_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  private StageFixtures() {}

  /** Loads a config directory holding {@code enrichments/<sensor>.json} and {@code global.json}. */
  static Configs configs(Path dir, String sensor, String enrichmentJson, String globalJson)
      throws IOException, ConfigException {
    Files.createDirectories(dir.resolve("enrichments"));
    Files.writeString(dir.resolve("enrichments").resolve(sensor + ".json"), enrichmentJson);
    Files.writeString(dir.resolve("global.json"), globalJson == null ? "{}" : globalJson);
    return new ConfigLoader().load(dir);
  }

  static Message message(String json) {
    try {
      return MessageCodec.read(json.getBytes(StandardCharsets.UTF_8));
    } catch (io.metron.core.message.MessageFormatException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
