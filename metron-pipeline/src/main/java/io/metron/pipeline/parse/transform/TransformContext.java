package io.metron.pipeline.parse.transform;

import java.util.Map;
import java.util.function.Function;

/**
 * What a transformation may read besides the message: further Stellar variables (metadata that was
 * not merged, then the sensor's {@code parserConfig} values, as Metron resolved them) and the
 * global config.
 */
public record TransformContext(
    Function<String, Object> extraVariables, Map<String, Object> globalConfig) {

  public static TransformContext empty() {
    return new TransformContext(name -> null, Map.of());
  }
}
