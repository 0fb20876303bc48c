package io.metron.search.lucene;

import com.fasterxml.jackson.core.type.TypeReference;
import io.metron.core.message.MessageCodec;
import io.metron.core.message.MessageFields;
import io.metron.search.FieldType;
import io.metron.search.FieldTyping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type of every field the store has seen. A field's type is fixed by the override file, the
 * built-in rules for Metron's standard fields, or the first value indexed, and then kept in {@code
 * field-types.json}, so that {@code ip_src_port:53} and range queries compare numbers as numbers in
 * every index. Thread-safe.
 */
public final class FieldTypes {
  private static final String FILE = "field-types.json";

  private final Path file;
  private final FieldTyping typing;
  private final ConcurrentHashMap<String, FieldType> types = new ConcurrentHashMap<>();
  private volatile boolean dirty;

  private FieldTypes(Path file, FieldTyping typing) {
    this.file = file;
    this.typing = typing;
  }

  /** Loads the types recorded under {@code root}, and the override file there, if any. */
  public static FieldTypes load(Path root) throws IOException {
    FieldTypes fieldTypes =
        new FieldTypes(
            root.resolve(FILE), FieldTyping.load(root.resolve(FieldTyping.OVERRIDE_FILE)));
    if (Files.exists(fieldTypes.file)) {
      Map<String, String> stored =
          MessageCodec.JSON.readValue(fieldTypes.file.toFile(), new TypeReference<>() {});
      stored.forEach((field, type) -> fieldTypes.types.put(field, FieldType.parse(type)));
    }
    return fieldTypes;
  }

  /** The type of {@code field}: overridden, recorded, or implied by its name; null if unknown. */
  public FieldType get(String field) {
    FieldType overridden = typing.override(field);
    if (overridden != null) {
      return overridden;
    }
    FieldType type = types.get(field);
    return type != null ? type : FieldTyping.byName(field);
  }

  /** Every field recorded so far with its type. */
  public Map<String, FieldType> all() {
    Map<String, FieldType> all = new TreeMap<>(types);
    all.putAll(typing.overrides());
    return all;
  }

  /** The type of {@code field}, recording the one {@code value} implies if it is new. */
  FieldType typeFor(String field, Object value) {
    if (field.equals(MessageFields.GUID)) {
      return FieldType.KEYWORD;
    }
    FieldType overridden = typing.override(field);
    if (overridden != null) {
      return overridden;
    }
    FieldType recorded = types.get(field);
    if (recorded != null) {
      return recorded;
    }
    FieldType inferred = FieldTyping.byName(field);
    if (inferred == null) {
      inferred = FieldTyping.byValue(field, value);
    }
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
}
