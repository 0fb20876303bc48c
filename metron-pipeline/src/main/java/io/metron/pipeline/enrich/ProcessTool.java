package io.metron.pipeline.enrich;

import io.metron.core.config.ConfigException;
import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.core.message.Message;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.parse.ParseOutcome;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserRunner;
import io.metron.pipeline.parse.RawMessage;
import io.metron.pipeline.parse.expr.StellarEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The logic of {@code metron process}: raw lines of one sensor through the whole in-process chain,
 * parse then enrichment, threat intel and triage, printing one JSON object per resulting message,
 * in input order; error messages (parse failures, invalid messages, adapter and rule failures) are
 * printed where they arise. The quickest way to try a sensor's configs before deploying them.
 */
public final class ProcessTool {
  /** Exit status when the configs cannot be used. */
  public static final int CONFIG_ERROR = 2;

  /** Exit status when the input or output fails. */
  public static final int IO_ERROR = 1;

  /** Counts per outcome, for the summary on standard error. */
  public record Stats(long lines, long enriched, long alerts, long errors, long filtered) {
    @Override
    public String toString() {
      return "lines="
          + lines
          + " enriched="
          + enriched
          + " alerts="
          + alerts
          + " errors="
          + errors
          + " filtered="
          + filtered;
    }
  }

  private final ParserRunner parser;
  private final EnrichmentStage stage;

  private ProcessTool(ParserRunner parser, EnrichmentStage stage) {
    this.parser = parser;
    this.stage = stage;
  }

  /**
   * Builds the chain for {@code sensor}; the parser's Stellar sees the enrichment functions too.
   *
   * @throws ConfigException naming the file and path of each problem, or the missing parser config
   */
  public static ProcessTool create(
      Configs configs, String sensor, EnrichmentResources resources, Clock clock)
      throws ConfigException {
    SensorParserConfig config =
        configs
            .parser(sensor)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "parsers/" + sensor + ".json",
                        "no parser config for sensor '"
                            + sensor
                            + "'; known: "
                            + String.join(", ", configs.parsers().keySet())));
    ParserRunner runner;
    try {
      runner =
          ParserRunner.create(
              config, configs.global(), clock, new StellarEngine(resources.registry()));
    } catch (ParserConfigException e) {
      throw new ConfigException(e.problems());
    }
    return new ProcessTool(runner, EnrichmentStage.create(configs, resources, clock));
  }

  /** What a line became, in order: a message after triage, an error message, or a filtered one. */
  public record Emitted(Kind kind, Message message) {
    /** The kinds of outcome. */
    public enum Kind {
      MESSAGE,
      ERROR,
      FILTERED
    }
  }

  /**
   * Runs one raw line through the chain. A message the parser's filter dropped is reported as
   * {@code FILTERED} with no message, so a test bench can say why a line produced nothing.
   */
  public List<Emitted> process(String line, String origin) {
    List<Emitted> out = new ArrayList<>();
    RawMessage raw =
        new RawMessage(line.getBytes(StandardCharsets.UTF_8), null, parser.sensor(), origin);
    for (ParseOutcome outcome : parser.process(raw)) {
      switch (outcome) {
        case ParseOutcome.Parsed parsed -> {
          EnrichmentStage.Outcome result = stage.apply(parsed.message());
          out.add(new Emitted(Emitted.Kind.MESSAGE, result.message()));
          for (Message error : result.errors()) {
            out.add(new Emitted(Emitted.Kind.ERROR, error));
          }
        }
        case ParseOutcome.Filtered f -> out.add(new Emitted(Emitted.Kind.FILTERED, null));
        default -> out.add(new Emitted(Emitted.Kind.ERROR, outcome.message()));
      }
    }
    return out;
  }

  /** Processes every line of {@code in}, writing JSON lines to {@code out}. */
  public Stats run(InputStream in, String source, PrintStream out) throws IOException {
    long lines = 0;
    long enriched = 0;
    long alerts = 0;
    long errors = 0;
    long filtered = 0;
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    String line;
    long number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      lines++;
      for (Emitted e : process(line, source + ":" + number)) {
        if (e.message() != null) {
          out.println(MessageCodec.toJson(e.message()));
        }
        switch (e.kind()) {
          case MESSAGE -> {
            enriched++;
            if ("true".equals(e.message().get("is_alert"))) {
              alerts++;
            }
          }
          case ERROR -> errors++;
          case FILTERED -> filtered++;
        }
      }
    }
    return new Stats(lines, enriched, alerts, errors, filtered);
  }
}
