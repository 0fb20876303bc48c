package io.metron.pipeline.parse.filter;

import io.metron.core.message.Message;
import io.metron.pipeline.parse.transform.TransformContext;
import java.util.Set;

/**
 * {@code BRO}: Metron's legacy protocol allow-list. Keeps a message when its field {@code
 * bro.filter.source.key} (default {@code protocol}) is one of {@code
 * bro.filter.source.known.protocols}.
 */
public final class BroFilter implements MessageFilter {
  private final String key;
  private final Set<String> known;

  public BroFilter(String key, Set<String> known) {
    this.key = key;
    this.known = Set.copyOf(known);
  }

  @Override
  public boolean emit(Message message, TransformContext context) {
    Object value = message.get(key);
    return value != null && known.contains(value.toString());
  }
}
