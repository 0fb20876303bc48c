package io.metron.streams;

import io.metron.core.config.ConfigException;
import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.pipeline.enrich.EnrichmentResources;
import io.metron.pipeline.enrich.EnrichmentStage;
import io.metron.pipeline.parse.ParserConfigException;
import io.metron.pipeline.parse.ParserRunner;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.parse.SensorParser;
import java.time.Clock;
import java.util.function.Function;

/**
 * The standard stage logic: each sensor parsed by its {@link ParserRunner}, messages enriched by
 * the enricher the given factory builds from the configs.
 */
public final class PipelineStages implements Stages {
  private final Clock clock;
  private final Function<Configs, MessageEnricher> enrichers;

  public PipelineStages(Clock clock, Function<Configs, MessageEnricher> enrichers) {
    this.clock = clock;
    this.enrichers = enrichers;
  }

  /**
   * Parsing, then Metron's enrichment, threat intel and triage ({@link EnrichmentStage}) over the
   * long-lived {@code resources} (GeoIP database, tables), rebuilt whenever configs change.
   */
  public static PipelineStages enrichment(Clock clock, EnrichmentResources resources) {
    return new PipelineStages(
        clock,
        configs -> {
          try {
            return EnrichmentStage.create(configs, resources, clock)::apply;
          } catch (ConfigException e) {
            // Reached only if EnrichmentConfigCheck let a config through that the stage refuses.
            throw new IllegalStateException(
                "a validated enrichment config failed to build: " + e.getMessage(), e);
          }
        });
  }

  /** Parsing only; messages pass enrichment unchanged. */
  public static PipelineStages parsingOnly(Clock clock) {
    return new PipelineStages(clock, configs -> MessageEnricher.none());
  }

  @Override
  public SensorParser parser(SensorParserConfig parser, Configs configs) {
    try {
      return ParserRunner.create(parser, configs.global(), clock, ExpressionEngine.standard())
          ::process;
    } catch (ParserConfigException e) {
      // Configs reach here only after ParserConfigCheck passed them, so this is a bug, not a typo.
      throw new IllegalStateException(
          "a validated parser config failed to build: " + e.getMessage(), e);
    }
  }

  @Override
  public MessageEnricher enricher(Configs configs) {
    return enrichers.apply(configs);
  }
}
