package io.metron.streams;

import io.metron.core.config.Configs;
import io.metron.core.config.SensorParserConfig;
import io.metron.streams.enrich.MessageEnricher;
import io.metron.streams.parse.SensorParser;

/**
 * The stage logic the platform runs, chosen by the composition root. Each method builds a stage
 * from configs; the platform calls them again when configs change.
 */
public interface Stages {
  SensorParser parser(SensorParserConfig parser, Configs configs);

  MessageEnricher enricher(Configs configs);
}
