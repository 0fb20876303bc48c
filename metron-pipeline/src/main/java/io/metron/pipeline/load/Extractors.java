package io.metron.pipeline.load;

import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import java.util.Map;

/** Builds the extractor an {@link ExtractorConfig} describes: CSV or STIX, with transforms. */
public final class Extractors {
  private Extractors() {}

  /**
   * @param functions the Stellar functions transforms and filters may call
   * @param global the global config, visible to transforms and filters
   * @throws LoadException naming the setting at fault
   */
  public static Extractor build(
      ExtractorConfig config, FunctionRegistry functions, Map<String, Object> global)
      throws LoadException {
    Extractor base =
        switch (config.extractor()) {
          case "CSV" -> CsvExtractor.create(config.config());
          case "STIX" -> StixExtractor.create(config.config());
          default -> throw new LoadException("unknown extractor " + config.extractor());
        };
    return TransformingExtractor.wrap(
        base, config.config(), new StellarCompiler(functions), global);
  }
}
