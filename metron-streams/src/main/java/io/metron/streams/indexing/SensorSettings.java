package io.metron.streams.indexing;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * One sensor's settings for one writer, from {@code indexing/<sensor>.json}, as that writer applies
 * them.
 *
 * @param sensor the sensor
 * @param batchSize messages handed to the store at once ({@code batchSize}, Metron's default 1)
 * @param batchTimeoutMillis how long a partial batch may wait ({@code batchTimeout} seconds)
 * @param index the search index name prefix ({@code index}), or null for the sensor's
 * @param outputPath the compiled {@code outputPathFunction}, or null for the default layout
 * @param outputPathSource the expression's text, for messages about it
 * @param global the global config the expression sees
 */
public record SensorSettings(
    String sensor,
    int batchSize,
    long batchTimeoutMillis,
    String index,
    ExpressionEngine.Expression outputPath,
    String outputPathSource,
    Map<String, Object> global) {

  /**
   * The archive sub-path of a message: what {@code outputPathFunction} returns (Stellar's null
   * being Metron's empty path), or null for the default layout. An expression that fails or returns
   * no string is logged once, and the message keeps the default layout.
   */
  public String pathOf(Message message) {
    if (outputPath == null) {
      return null;
    }
    try {
      Object result = outputPath.evaluate(message::get, global);
      if (result == null) {
        return "";
      }
      if (result instanceof String path) {
        return path;
      }
      problem("returned " + result + ", not a string");
    } catch (ExpressionException e) {
      problem("failed: " + e.getMessage());
    }
    return null;
  }

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private void problem(String what) {
    if (WARNED.add(sensor + "\u0000" + outputPathSource)) {
      LoggerFactory.getLogger(SensorSettings.class)
          .warn(
              "indexing/{}.json: hdfs.outputPathFunction '{}' {}; such messages go to the sensor's"
                  + " directory",
              sensor,
              outputPathSource,
              what);
    }
  }
}
