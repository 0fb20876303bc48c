package io.metron.pipeline.parse.transform;

import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code SELECT}: keeps only the {@code output} fields. {@code timestamp} and {@code
 * original_string} are always kept, as in Metron; so is {@code source.type}, which Metron set
 * before transformations and which every later stage needs.
 */
public final class SelectTransformation implements FieldTransformation {
  private final Set<String> keep;

  public SelectTransformation(List<String> outputs) {
    Set<String> fields = new HashSet<>(outputs);
    fields.add(MessageFields.TIMESTAMP);
    fields.add(MessageFields.ORIGINAL_STRING);
    fields.add(MessageFields.SOURCE_TYPE);
    this.keep = Set.copyOf(fields);
  }

  @Override
  public void apply(Message message, TransformContext context) {
    message.fields().keySet().retainAll(keep);
  }
}
