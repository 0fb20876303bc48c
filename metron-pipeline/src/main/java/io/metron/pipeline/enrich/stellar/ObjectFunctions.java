package io.metron.pipeline.enrich.stellar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code OBJECT_GET} and {@code ENRICHMENT_OBJECT_GET}: load a serialized object (a bloom filter of
 * typosquatted domains, a set of known hosts...) from a file once and keep it in a cache, so a rule
 * can test every message against it. Metron read the file from HDFS; here it is a local path.
 *
 * <p>Files hold one object in Java serialization. Only value classes may be read: {@code
 * java.lang}, {@code java.util}, {@code java.math} and {@code io.metron} — a file cannot make the
 * pipeline instantiate anything else. An entry is re-read when its file's modification time
 * changes.
 *
 * <p>Cache settings, as Metron's: {@code OBJECT_GET} reads the global keys {@code
 * object.cache.size} (default 1000 objects), {@code object.cache.expiration.minutes} (default 1440)
 * and {@code object.cache.max.file.size} (bytes, default 1 GiB); {@code ENRICHMENT_OBJECT_GET}
 * reads the map {@code enrichment.object.get.settings} with {@code cache.size}, {@code
 * cache.expiration}, {@code cache.time.unit} (default MINUTES) and {@code max.file.size}.
 */
public final class ObjectFunctions {
  private ObjectFunctions() {}

  private static final long DEFAULT_SIZE = 1000;
  private static final long DEFAULT_EXPIRATION_MINUTES = 1440;
  private static final long DEFAULT_MAX_FILE_SIZE = 1L << 30;

  private static final ObjectInputFilter VALUE_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=64;java.lang.*;java.util.*;java.math.*;io.metron.**;!*");

  /** The settings one cache was built with; a change of settings builds a new cache. */
  private record Settings(long size, Duration expiration, long maxFileSize) {}

  private record Key(Path path, FileTime modified) {}

  /** One function's cache, rebuilt when its settings change. */
  private static final class ObjectCache {
    private volatile Settings settings;
    private volatile Cache<Key, Object> cache;

    Object get(String function, Path path, Settings wanted) {
      Cache<Key, Object> current = cache;
      if (!wanted.equals(settings) || current == null) {
        synchronized (this) {
          if (!wanted.equals(settings) || cache == null) {
            cache =
                Caffeine.newBuilder()
                    .maximumSize(wanted.size())
                    .expireAfterAccess(wanted.expiration())
                    .build();
            settings = wanted;
          }
          current = cache;
        }
      }
      FileTime modified;
      long size;
      try {
        modified = Files.getLastModifiedTime(path);
        size = Files.size(path);
      } catch (IOException e) {
        throw new StellarException(function + ": no such file: " + path);
      }
      if (size > wanted.maxFileSize()) {
        throw new StellarException(
            function
                + ": "
                + path
                + " is "
                + size
                + " bytes, over the limit of "
                + wanted.maxFileSize());
      }
      return current.get(new Key(path, modified), k -> read(function, path));
    }
  }

  /** Both functions, each with its own cache. */
  public static List<StellarFunction> all() {
    ObjectCache objects = new ObjectCache();
    ObjectCache enrichment = new ObjectCache();
    return List.of(
        function(
            "OBJECT_GET",
            "Loads a serialized object (e.g. a bloom filter) from a file, with caching; the cache"
                + " is sized by the global keys object.cache.*.",
            (path, context) -> objects.get("OBJECT_GET", path, objectSettings(context))),
        function(
            "ENRICHMENT_OBJECT_GET",
            "Loads a serialized object (e.g. a bloom filter) from a file into the enrichment"
                + " object cache, sized by the global map enrichment.object.get.settings.",
            (path, context) ->
                enrichment.get("ENRICHMENT_OBJECT_GET", path, enrichmentSettings(context))));
  }

  @FunctionalInterface
  private interface Load {
    Object load(Path path, StellarContext context);
  }

  private static StellarFunction function(String name, String description, Load load) {
    return StellarFunction.of(
        FunctionDescriptor.builder(name)
            .param("path", "String", "the file holding the serialized object")
            .returns("the object in the file; null for a null path")
            .description(description)
            .nondeterministic()
            .build(),
        (args, context) -> {
          Object path = args.getFirst();
          if (path == null) {
            return null;
          }
          return load.load(Path.of(path.toString()), context);
        });
  }

  static Object read(String function, Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new StellarException(function + ": cannot read " + path + ": " + e.getMessage());
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(VALUE_CLASSES);
      return in.readObject();
    } catch (InvalidClassException e) {
      throw new StellarException(
          function + ": " + path + " holds a class that may not be loaded: " + e.getMessage());
    } catch (IOException | ClassNotFoundException e) {
      throw new StellarException(
          function + ": " + path + " is not a serialized object: " + e.getMessage());
    }
  }

  private static Settings objectSettings(StellarContext context) {
    Map<String, Object> global = context.globalConfig();
    return new Settings(
        number(global.get("object.cache.size"), DEFAULT_SIZE),
        Duration.ofMinutes(
            number(global.get("object.cache.expiration.minutes"), DEFAULT_EXPIRATION_MINUTES)),
        number(global.get("object.cache.max.file.size"), DEFAULT_MAX_FILE_SIZE));
  }

  private static Settings enrichmentSettings(StellarContext context) {
    Map<?, ?> settings =
        context.globalConfig().get("enrichment.object.get.settings") instanceof Map<?, ?> m
            ? m
            : Map.of();
    long amount = number(settings.get("cache.expiration"), DEFAULT_EXPIRATION_MINUTES);
    Object unit = settings.get("cache.time.unit");
    java.util.concurrent.TimeUnit timeUnit;
    try {
      timeUnit =
          unit == null
              ? java.util.concurrent.TimeUnit.MINUTES
              : java.util.concurrent.TimeUnit.valueOf(unit.toString().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new StellarException(
          "ENRICHMENT_OBJECT_GET: cache.time.unit '"
              + unit
              + "' is not a time unit (e.g. MINUTES)");
    }
    return new Settings(
        number(settings.get("cache.size"), DEFAULT_SIZE),
        Duration.of(amount, timeUnit.toChronoUnit()),
        number(settings.get("max.file.size"), DEFAULT_MAX_FILE_SIZE));
  }

  private static long number(Object value, long otherwise) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value != null) {
      try {
        return Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }
}
