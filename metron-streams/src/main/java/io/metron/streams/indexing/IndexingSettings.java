package io.metron.streams.indexing;

import io.metron.core.config.Configs;
import io.metron.core.config.IndexingConfig;
import io.metron.core.config.IndexingConfig.WriterConfig;
import io.metron.pipeline.parse.expr.ExpressionEngine;
import io.metron.pipeline.parse.expr.ExpressionException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each sensor's {@code indexing/<sensor>.json} settings as one writer applies them, with Metron's
 * meaning: for the search store ({@code elasticsearch}, {@code solr}) {@code index}, {@code
 * batchSize}, {@code batchTimeout}; for the archive ({@code hdfs}) {@code batchSize}, {@code
 * batchTimeout} and {@code outputPathFunction}. A key that means nothing for a writer here gets one
 * warning naming it, the first time a message of its sensor arrives. Follows config changes:
 * settings are rebuilt when the configs are replaced.
 */
public final class IndexingSettings {
  private static final Logger LOG = LoggerFactory.getLogger(IndexingSettings.class);

  /**
   * A partial batch's wait when {@code batchTimeout} is 0 or unset. Metron derived it from Storm's
   * tuple timeout, which has no counterpart here.
   */
  public static final long DEFAULT_BATCH_TIMEOUT_MILLIS = 1000;

  private final IndexingWriter.Kind kind;
  private final Supplier<Configs> configs;
  private final ExpressionEngine engine;
  private final Map<String, SensorSettings> bySensor = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile Configs current;

  public IndexingSettings(
      IndexingWriter.Kind kind, Supplier<Configs> configs, ExpressionEngine engine) {
    this.kind = kind;
    this.configs = configs;
    this.engine = engine;
  }

  /** Whether this writer takes the sensor's messages at all ({@code enabled}). */
  public boolean enabled(String sensor) {
    IndexingConfig indexing = configs().indexing(sensor);
    for (String name : kind.configNames()) {
      if (indexing.writer(name).enabled()) {
        return true;
      }
    }
    return false;
  }

  /** The settings for the sensor's messages. */
  public SensorSettings of(String sensor) {
    Configs now = configs();
    return bySensor.computeIfAbsent(sensor, s -> build(s, now));
  }

  private Configs configs() {
    Configs now = configs.get();
    if (now != current) {
      bySensor.clear();
      current = now;
    }
    return now;
  }

  private SensorSettings build(String sensor, Configs configs) {
    IndexingConfig indexing = configs.indexing(sensor);
    String name = kind.configNames().getFirst();
    for (String candidate : kind.configNames()) {
      if (indexing.writers().containsKey(candidate) && indexing.writer(candidate).enabled()) {
        name = candidate;
        break;
      }
    }
    WriterConfig writer = indexing.writer(name);
    String where = "indexing/" + sensor + ".json: " + name + ".";
    long timeout =
        writer.batchTimeoutSeconds() > 0
            ? writer.batchTimeoutSeconds() * 1000
            : DEFAULT_BATCH_TIMEOUT_MILLIS;
    Map<String, Object> global = configs.global().values();
    if (kind == IndexingWriter.Kind.ARCHIVE) {
      if (!sensor.equals(writer.index())) {
        warn(
            where + "index", "the archive's directories are named by sensor or outputPathFunction");
      }
      if (writer.fieldNameConverter() != null) {
        warn(where + "fieldNameConverter", "no writer converts field names here");
      }
      if (writer.setDocumentId() != null) {
        warn(where + "setDocumentId", "the archive has no document ids");
      }
      ExpressionEngine.Expression path = null;
      if (writer.outputPathFunction() != null && !writer.outputPathFunction().isBlank()) {
        try {
          path = engine.compile(writer.outputPathFunction());
        } catch (ExpressionException e) {
          warn(
              where + "outputPathFunction",
              "'" + writer.outputPathFunction() + "' does not compile (" + e.getMessage() + ")");
        }
      }
      return new SensorSettings(
          sensor, writer.batchSize(), timeout, null, path, writer.outputPathFunction(), global);
    }
    if (writer.outputPathFunction() != null) {
      warn(where + "outputPathFunction", "it names archive (hdfs) directories only");
    }
    Boolean setId = writer.setDocumentId();
    Object globalSetId = global.get("indexing.writer.elasticsearch.setDocumentId");
    if (Boolean.FALSE.equals(setId)
        || (setId == null && "false".equalsIgnoreCase(String.valueOf(globalSetId)))) {
      warn(
          where + "setDocumentId",
          "documents are always stored under their guid, which is what keeps a replay after a"
              + " crash from duplicating them");
    }
    if ("DEDOT".equals(writer.fieldNameConverter())) {
      warn(
          where + "fieldNameConverter",
          "field names keep their dots here, and queries written for DEDOT names (source\\:type)"
              + " are read as dotted names");
    }
    return new SensorSettings(
        sensor, writer.batchSize(), timeout, writer.index(), null, null, global);
  }

  /** The keys warned about so far, as {@code indexing/<sensor>.json: <writer>.<key>}. */
  public Set<String> warnings() {
    return Set.copyOf(warned);
  }

  /** Warns once that a key has no effect here, and why. */
  private void warn(String key, String why) {
    if (warned.add(key)) {
      LOG.warn("{} is ignored: {}", key, why);
    }
  }
}
