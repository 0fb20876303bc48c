package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import java.util.Map;

/** {@code RENAME}: moves each field named by a {@code config} key to the name it maps to. */
public final class RenameTransformation implements FieldTransformation {
  private final Map<String, String> renames;

  public RenameTransformation(Map<String, String> renames) {
    this.renames = Map.copyOf(renames);
  }

  @Override
  public void apply(Message message, TransformContext context) {
    renames.forEach(
        (from, to) -> {
          Object value = message.remove(from);
          if (value != null) {
            message.put(to, value);
          }
        });
  }
}
