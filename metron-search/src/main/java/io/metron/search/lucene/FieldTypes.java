package io.metron.search.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type of every field the store has seen. A field's type is fixed by the first value indexed
 * (or by the built-in rules for Metron's standard fields) and then kept, so that {@code
 * ip_src_port:53} and range queries compare numbers as numbers in every index. Thread-safe.
 */
public final class FieldTypes {
  private static final String FILE = "field-types.json";

  private final Path file;
  private final ConcurrentHashMap<String, FieldType> types = new ConcurrentHashMap<>();
  private volatile boolean dirty;

  private FieldTypes(Path file) {
    this.file = file;
  }

  /** Loads the types recorded under {@code root}, if any. */
  public static FieldTypes load(Path root) throws IOException {
    FieldTypes fieldTypes = new FieldTypes(root.resolve(FILE));
    if (Files.exists(fieldTypes.file)) {
      Map<String, FieldType> stored =
          MessageCodec.JSON.readValue(fieldTypes.file.toFile(), new TypeReference<>() {});
      fieldTypes.types.putAll(stored);
    }
    return fieldTypes;
  }

  /** The type recorded for {@code field}, or the type its name implies, or null if unknown. */
  public FieldType get(String field) {
    FieldType type = types.get(field);
    return type != null ? type : byName(field);
  }

  /** The type of {@code field}, recording the one {@code value} implies if it is new. */
  FieldType typeFor(String field, Object value) {
    FieldType known = get(field);
    if (known != null) {
      return known;
    }
    FieldType inferred =
        switch (value) {
          case Integer i -> FieldType.LONG;
          case Long l -> FieldType.LONG;
          case Short s -> FieldType.LONG;
          case Float f -> FieldType.DOUBLE;
          case Double d -> FieldType.DOUBLE;
          case Boolean b -> FieldType.BOOLEAN;
          default -> FieldType.KEYWORD;
        };
    if (types.putIfAbsent(field, inferred) == null) {
      dirty = true;
    }
    return types.get(field);
  }

  /** Writes the types if new ones were learnt; atomically, so a reader never sees half a file. */
  void save() throws IOException {
    if (!dirty) {
      return;
    }
    dirty = false;
    Path tmp = file.resolveSibling(FILE + ".tmp");
    MessageCodec.JSON
        .writerWithDefaultPrettyPrinter()
        .writeValue(tmp.toFile(), new TreeMap<>(types));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static FieldType byName(String field) {
    if (field.equals(MessageFields.ORIGINAL_STRING)) {
      return FieldType.TEXT;
    }
    if (field.equals(MessageFields.TIMESTAMP) || field.endsWith(".ts")) {
      return FieldType.LONG;
    }
    if (field.equals(MessageFields.THREAT_SCORE)) {
      return FieldType.DOUBLE;
    }
    return null;
  }
}
